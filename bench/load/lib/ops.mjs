// Prepares signed UserOperations up front, so sending costs the generator nothing but the request:
// each one is the first operation of a fresh SimpleAccount (a random owner, a distinct sender,
// deployed through factory/factoryData), funded with anvil_setBalance, with fixed gas limits and
// fees (no estimation per operation), signed by its owner.
import { parseEther, parseGwei, zeroAddress } from "viem";
import { formatUserOperationRequest, getUserOperationHash } from "viem/account-abstraction";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { toSimpleSmartAccount } from "permissionless/accounts";

/**
 * Fixed limits that cover a SimpleAccount's first operation (deployment included) on v0.7 and
 * v0.8 with room to spare, yet small enough not to shrink either bundler's bundles much.
 */
export const OPERATION_GAS = {
  verificationGasLimit: 400_000n,
  callGasLimit: 50_000n,
  preVerificationGas: 80_000n,
};

/**
 * Fees both bundlers accept on anvil: a fixed tip (anvil's only tips are the bundlers' own, so a
 * derived one would compound) and a fee cap far above the base fee a 30M-gas chain reaches here.
 */
export const OPERATION_FEES = {
  maxPriorityFeePerGas: parseGwei("1"),
  maxFeePerGas: parseGwei("20"),
};

const FUNDING = parseEther("1");

/**
 * `count` signed operations for the EntryPoint `{ address, version }` of chain `client`.
 * Returns `{ sender, userOpHash, request }` per operation; `request` is the wire JSON.
 */
export async function prepareOperations(client, entryPoint, count) {
  const chainId = client.chain.id;
  const accounts = await Promise.all(Array.from({ length: count }, () =>
    toSimpleSmartAccount({ client, owner: privateKeyToAccount(generatePrivateKey()), entryPoint })));
  await Promise.all(accounts.map((account) => client.setBalance({ address: account.address, value: FUNDING })));
  return Promise.all(accounts.map(async (account) => {
    const { factory, factoryData } = await account.getFactoryArgs();
    const operation = {
      sender: account.address,
      nonce: 0n,
      factory,
      factoryData,
      callData: await account.encodeCalls([{ to: zeroAddress, value: 0n, data: "0x" }]),
      ...OPERATION_GAS,
      ...OPERATION_FEES,
      signature: "0x",
    };
    operation.signature = await account.signUserOperation({ ...operation, chainId });
    const userOpHash = getUserOperationHash({ userOperation: operation, entryPointAddress: entryPoint.address,
      entryPointVersion: entryPoint.version, chainId });
    return { sender: account.address, userOpHash, request: formatUserOperationRequest(operation) };
  }));
}
