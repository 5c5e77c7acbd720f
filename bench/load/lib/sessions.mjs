// Kernel v3.1 session-key operations, built and signed by the real ZeroDev SDK through the e2e
// support module (e2e/test/support/kernel.js), which also puts Kernel v3.1, its factories, our ECDSA
// validator, ECDSASigner and policies at the SDK's addresses. Each session is a Kernel account of
// its own (random owner, random session key, a distinct sender) whose permission lets the session
// key call one token's `transfer` up to a limit (CallPolicy) within a time window
// (TimestampPolicy). Its permission is installed by the account's first operation, in enable mode
// (deploying the account through the meta factory, the owner's signature over the permission),
// sent straight to EntryPoint.handleOps. Operations under the installed permission (nonce mode
// 0x00, type 0x02, the permission id) are signed by the session key alone, with fixed gas limits:
// - the session-key shape: one in-scope transfer per session, installed during preparation;
// - the flood shape: many transfers above the limit from a few sessions, installed once the
//   bundler under test runs (see stageFlood and floodOperations).
import { encodeFunctionData, erc20Abi, parseAbi, toFunctionSelector } from "viem";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import {
  DEFAULT_PERMISSION, ENABLE_PERMISSION, deployKernel, install, nonceMode, noncePermission, permissionSignature, tokenTransferSession,
} from "../../../e2e/test/support/kernel.js";
import {
  PREPARATION_FEES, PREPARATION_RECEIPT_TIMEOUT_MS, fund, handleOpsDirectly, prepared, signed, userOperationHash,
} from "./ops.mjs";

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
const MINT_GAS = 100_000n;
const mint = parseAbi(["function mint(address to, uint256 amount)"]);

/** Puts Kernel v3.1 and its modules where the SDK expects them, and the token, on `client`'s chain. */
export async function deploySessionContracts(client, entryPoint) {
  await deployKernel(client, entryPoint);
  await install(client, SESSION_TOKEN, "sessionkey/TestToken");
}

/**
 * Sessions the flood spreads its operations over: enough that concurrent requests name different
 * grants, few enough that installing them takes about a block (some 33 enable-mode operations).
 */
const FLOOD_SESSIONS = 32;

/**
 * How our bundler refuses a flood operation from its cached grant: -32500, naming the call, the
 * argument and the limit the call policy sets.
 */
export const FLOOD_REFUSAL = {
  code: "-32500",
  message: new RegExp(`^session key: call 0 to ${SESSION_TOKEN} selector ${toFunctionSelector("transfer(address,uint256)")}: `
    + `argument 1 must be <= ${LIMIT}\\b`, "i"),
};

/** A transfer of `amount` to `to`; the call policy allows it up to LIMIT. */
function transfer(amount, to) {
  return [{ to: SESSION_TOKEN, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }) }];
}

/** Mints each account what its two transfers move, from anvil's first account. */
async function mintTo(client, addresses) {
  const [from] = await client.getAddresses();
  let nonce = await client.getTransactionCount({ address: from, blockTag: "pending" });
  const hashes = await Promise.all(addresses.map((to) => client.writeContract({ account: from, address: SESSION_TOKEN,
    abi: mint, functionName: "mint", args: [to, 2n * AMOUNT], nonce: nonce++, gas: MINT_GAS, ...PREPARATION_FEES })));
  for (const hash of hashes) {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 200, timeout: PREPARATION_RECEIPT_TIMEOUT_MS });
    if (receipt.status !== "success") throw new Error(`minting failed in ${hash}`);
  }
}

/**
 * `count` Kernel accounts with a session each, funded, minted what two transfers move, and their
 * enable-mode operations signed but not sent: `{ sessions: [{ account, permissionId, sessionKey }], enabling }`.
 */
async function newSessions(client, entryPoint, count) {
  const chainId = client.chain.id;
  const now = Number((await client.getBlock()).timestamp);
  const sessions = await Promise.all(Array.from({ length: count }, async () => {
    const sessionKey = privateKeyToAccount(generatePrivateKey());
    const session = await tokenTransferSession(client, {
      entryPoint, owner: privateKeyToAccount(generatePrivateKey()), sessionKey, token: SESSION_TOKEN, limit: LIMIT,
      validAfter: now - WINDOW_SECONDS.before, validUntil: now + WINDOW_SECONDS.after,
    });
    return { ...session, sessionKey };
  }));
  const addresses = sessions.map(({ account }) => account.address);
  await fund(client, addresses);
  await mintTo(client, addresses);
  const enabling = await Promise.all(sessions.map(async ({ account }) => signed(account, chainId,
    transfer(AMOUNT, privateKeyToAddress(generatePrivateKey())),
    { nonce: await account.getNonce(), ...(await account.getFactoryArgs()), ...ENABLING_OPERATION_GAS })));
  const notEnabling = enabling.filter((op) => nonceMode(op.nonce) !== ENABLE_PERMISSION).length;
  if (notEnabling) throw new Error(`${notEnabling} of ${count} first operations are not in enable mode`);
  return { sessions, enabling };
}

/** Installs the sessions' permissions: their enable-mode operations straight through handleOps, waiting until mined. */
async function installSessions(client, entryPoint, { enabling }) {
  await handleOpsDirectly(client, entryPoint, enabling, ENABLINGS_PER_TRANSACTION);
}

/**
 * The session's transfer of `amount` to `to` under its installed permission, signed by the SDK.
 * Checks the form our bundler's session-key pre-validation reads (KernelPermissionFormat): the
 * permission's nonce key, and the session key's signature as permissionSignature makes it.
 */
async function underPermission(client, entryPoint, { account, permissionId, sessionKey }, amount, to) {
  const operation = await signed(account, client.chain.id, transfer(amount, to), { nonce: await account.getNonce(), ...SESSION_OPERATION_GAS });
  if (nonceMode(operation.nonce) !== DEFAULT_PERMISSION || noncePermission(operation.nonce) !== permissionId
    || operation.signature !== await permissionSignature(sessionKey, userOperationHash(operation, entryPoint, client.chain.id))) {
    throw new Error(`${account.address}: the permission is not installed (nonce ${operation.nonce}, signature ${operation.signature})`);
  }
  return operation;
}

/**
 * `count` signed session-key transfers for EntryPoint v0.7 `{ address, version }` on chain
 * `client`, each from a Kernel account whose permission preparation has installed, as `prepared`
 * (ops.mjs) returns them.
 */
export async function prepareSessionOperations(client, entryPoint, count) {
  if (count === 0) return [];
  const staged = await newSessions(client, entryPoint, count);
  await installSessions(client, entryPoint, staged);
  return Promise.all(staged.sessions.map(async (session) => prepared(
    await underPermission(client, entryPoint, session, AMOUNT, privateKeyToAddress(generatePrivateKey())), entryPoint, client.chain.id)));
}

/**
 * The flood's first step, before the bundler under test starts: up to FLOOD_SESSIONS sessions for
 * `count` operations, built, funded and their enable-mode operations signed, not yet installed.
 */
export async function stageFlood(client, entryPoint, count) {
  return { count, ...await newSessions(client, entryPoint, Math.min(FLOOD_SESSIONS, count)) };
}

/**
 * The flood's second step, once the bundler under test runs: installs the staged permissions on
 * the chain, so the bundler sees them included as a long-running one would, and returns
 * `{ operations, probes }`: `count` transfers above the limit, taking the sessions in turn, and
 * one more per session to probe with. The SDK signs each session's probe; the session's other
 * operations differ from it only in the amount (so each has its own hash) and are signed the same
 * way, which underPermission has just checked against the SDK's signature.
 */
export async function floodOperations(client, entryPoint, { count, sessions, enabling }) {
  await installSessions(client, entryPoint, { enabling });
  const chainId = client.chain.id;
  const recipient = privateKeyToAddress(generatePrivateKey());
  const probes = await Promise.all(sessions.map((session) => underPermission(client, entryPoint, session, LIMIT + 1n, recipient)));
  const operations = [];
  for (let i = 0; i < count; i++) {
    const s = i % sessions.length;
    const amount = LIMIT + 2n + BigInt(Math.floor(i / sessions.length));
    const operation = { ...probes[s], callData: await sessions[s].account.encodeCalls(transfer(amount, recipient)) };
    operation.signature = await permissionSignature(sessions[s].sessionKey, userOperationHash(operation, entryPoint, chainId));
    operations.push(prepared(operation, entryPoint, chainId));
  }
  return { operations, probes: probes.map((operation) => prepared(operation, entryPoint, chainId)) };
}
