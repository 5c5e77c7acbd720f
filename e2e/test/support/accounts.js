// Real permissionless SimpleAccounts on both EntryPoints, talking to the bundler under test.
import { createPublicClient, createTestClient, http, parseEther, parseGwei } from "viem";
import { foundry } from "viem/chains";
import { entryPoint07Address, entryPoint08Address } from "viem/account-abstraction";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { toSimpleSmartAccount } from "permissionless/accounts";
import { createSmartAccountClient } from "permissionless";

export const ENTRY_POINTS = [
  { version: "0.7", address: entryPoint07Address },
  { version: "0.8", address: entryPoint08Address },
];

// A fixed tip: on anvil the only tips are the bundler's own, so a derived one compounds.
export const PRIORITY_FEE = parseGwei("1");

export function chainClients(nodeUrl) {
  const transport = http(nodeUrl);
  return {
    publicClient: createPublicClient({ chain: foundry, transport }),
    testClient: createTestClient({ chain: foundry, mode: "anvil", transport }),
  };
}

export async function fixedFees(publicClient) {
  const block = await publicClient.getBlock();
  return { maxFeePerGas: block.baseFeePerGas * 2n + PRIORITY_FEE, maxPriorityFeePerGas: PRIORITY_FEE };
}

/** A fresh SimpleAccount owned by a random key; funded unless `fund` is false. */
export async function newSimpleAccount({ nodeUrl, rpcUrl, entryPoint, fund = true }) {
  const { publicClient, testClient } = chainClients(nodeUrl);
  const owner = privateKeyToAccount(generatePrivateKey());
  const account = await toSimpleSmartAccount({ client: publicClient, owner, entryPoint });
  if (fund) {
    await testClient.setBalance({ address: account.address, value: parseEther("10") });
  }
  const client = createSmartAccountClient({
    account,
    chain: foundry,
    bundlerTransport: http(rpcUrl),
    userOperation: { estimateFeesPerGas: () => fixedFees(publicClient) },
  });
  return { owner, account, client, publicClient, testClient };
}
