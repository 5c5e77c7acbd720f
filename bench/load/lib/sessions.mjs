// Kernel v3.1 session-key operations, built and signed by the real ZeroDev SDK through the e2e
// support module (e2e/test/support/kernel.js), which also puts Kernel v3.1, its factories, our ECDSA
// validator, ECDSASigner and policies at the SDK's addresses. Each operation comes from its own
// Kernel account (random owner, random session key, a distinct sender) whose permission lets the
// session key call one token's `transfer` up to a limit (CallPolicy) within a time window
// (TimestampPolicy). Preparation installs it: each account's first operation, in enable mode
// (deploying the account through the meta factory, the owner's signature over the permission),
// goes straight to EntryPoint.handleOps. The measured operation is then an in-scope transfer under
// the installed permission (nonce mode 0x00, type 0x02, the permission id), signed by the session
// key alone, with fixed gas limits.
import { encodeFunctionData, erc20Abi, parseAbi, size, slice } from "viem";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { deployKernel, install, tokenTransferSession } from "../../../e2e/test/support/kernel.js";
import { PREPARATION_FEES, fund, handleOpsDirectly, prepared, signed } from "./ops.mjs";

/** The token the sessions may transfer; our TestToken, which anyone may mint. */
export const SESSION_TOKEN = "0x7e57000000000000000000000000000000000001";

/**
 * Fixed limits for a transfer under an installed permission: validation (Kernel, ECDSASigner,
 * CallPolicy, TimestampPolicy, cold) takes about 110k gas, the transfer about 60k.
 */
export const SESSION_OPERATION_GAS = { verificationGasLimit: 250_000n, callGasLimit: 100_000n, preVerificationGas: 80_000n };

// The enable-mode operation deploys the account and installs the permission: about 880k gas, so
// eleven to a transaction and three transactions fill a 30M-gas block.
const ENABLING_OPERATION_GAS = { verificationGasLimit: 1_500_000n, callGasLimit: 100_000n, preVerificationGas: 100_000n };
const ENABLINGS_PER_TRANSACTION = 11;
const LIMIT = 1_000_000n;
const AMOUNT = 1_000n;
// The window opens a minute before preparation and lasts a day: far past any run, and far from
// both bundlers' margins for operations about to expire.
const WINDOW_SECONDS = { before: 60, after: 86_400 };
// Kernel's nonce: mode (0x00 default, 0x01 enable), type 0x02 (permission), the permission id.
const DEFAULT_PERMISSION = "0x0002";
const ENABLE_PERMISSION = "0x0102";
const MINT_GAS = 100_000n;
const mint = parseAbi(["function mint(address to, uint256 amount)"]);

/** Puts Kernel v3.1 and its modules where the SDK expects them, and the token, on `client`'s chain. */
export async function deploySessionContracts(client, entryPoint) {
  await deployKernel(client, entryPoint);
  await install(client, SESSION_TOKEN, "sessionkey/TestToken");
}

function nonceMode(nonce) {
  return slice(`0x${nonce.toString(16).padStart(64, "0")}`, 0, 2);
}

function nonceGrant(nonce) {
  return slice(`0x${nonce.toString(16).padStart(64, "0")}`, 2, 6);
}

/** A transfer of AMOUNT to a fresh address, which the call policy allows. */
function transfer() {
  return [{ to: SESSION_TOKEN, value: 0n,
    data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [privateKeyToAddress(generatePrivateKey()), AMOUNT] }) }];
}

/** Mints each account what its two transfers move, from anvil's first account. */
async function mintTo(client, addresses) {
  const [from] = await client.getAddresses();
  let nonce = await client.getTransactionCount({ address: from, blockTag: "pending" });
  const hashes = await Promise.all(addresses.map((to) => client.writeContract({ account: from, address: SESSION_TOKEN,
    abi: mint, functionName: "mint", args: [to, 2n * AMOUNT], nonce: nonce++, gas: MINT_GAS, ...PREPARATION_FEES })));
  for (const hash of hashes) {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 200, timeout: 60_000 });
    if (receipt.status !== "success") throw new Error(`minting failed in ${hash}`);
  }
}

/**
 * `count` signed session-key transfers for EntryPoint v0.7 `{ address, version }` on chain
 * `client`, each from a Kernel account whose permission preparation has installed, as `prepared`
 * (ops.mjs) returns them.
 */
export async function prepareSessionOperations(client, entryPoint, count) {
  if (count === 0) return [];
  const chainId = client.chain.id;
  const now = Number((await client.getBlock()).timestamp);
  const sessions = await Promise.all(Array.from({ length: count }, () => tokenTransferSession(client, {
    entryPoint, owner: privateKeyToAccount(generatePrivateKey()), sessionKey: privateKeyToAccount(generatePrivateKey()),
    token: SESSION_TOKEN, limit: LIMIT, validAfter: now - WINDOW_SECONDS.before, validUntil: now + WINDOW_SECONDS.after,
  })));
  const addresses = sessions.map(({ account }) => account.address);
  await fund(client, addresses);
  await mintTo(client, addresses);
  const enabling = await Promise.all(sessions.map(async ({ account }) => signed(account, chainId, transfer(),
    { nonce: await account.getNonce(), ...(await account.getFactoryArgs()), ...ENABLING_OPERATION_GAS })));
  const notEnabling = enabling.filter((op) => nonceMode(op.nonce) !== ENABLE_PERMISSION).length;
  if (notEnabling) throw new Error(`${notEnabling} of ${count} first operations are not in enable mode`);
  await handleOpsDirectly(client, entryPoint, enabling, ENABLINGS_PER_TRANSACTION);
  return Promise.all(sessions.map(async ({ account, permissionId }) => {
    const operation = await signed(account, chainId, transfer(), { nonce: await account.getNonce(), ...SESSION_OPERATION_GAS });
    // What our bundler's pre-validation reads (KernelPermissionFormat): the permission's nonce key,
    // and the session key's signature after the 0xff of Kernel's permission validator.
    if (nonceMode(operation.nonce) !== DEFAULT_PERMISSION || nonceGrant(operation.nonce) !== permissionId
      || size(operation.signature) !== 66 || slice(operation.signature, 0, 1) !== "0xff") {
      throw new Error(`${account.address}: the permission is not installed (nonce ${operation.nonce}, signature ${operation.signature})`);
    }
    return prepared(operation, entryPoint, chainId);
  }));
}
