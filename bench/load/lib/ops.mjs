// Prepares signed UserOperations up front, so sending costs the generator nothing but the request:
// the helpers every shape uses (signing with fixed fees, funding, handleOps straight to the
// EntryPoint, the wire form) and the SimpleAccount shape. Each SimpleAccount operation comes from
// its own account (a random owner, a distinct sender) funded with anvil_setBalance, has fixed gas
// limits and fees (no estimation per operation), and is signed by its owner. By default the
// accounts already exist: they are deployed beforehand by their nonce-0 operations, sent straight
// to EntryPoint.handleOps from anvil's first account (the one way that works for the v0.8 factory
// too, which only its SenderCreator may call), and the measured operation is nonce 1. With
// `withDeployment` the measured operation is the account's first one, deploying it through
// factory/factoryData.
import { parseEther, parseGwei, zeroAddress } from "viem";
import { entryPoint07Abi, entryPoint08Abi, formatUserOperationRequest, getUserOperationHash, toPackedUserOperation }
  from "viem/account-abstraction";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { toSimpleSmartAccount } from "permissionless/accounts";

/** Fixed limits that cover the operation of an existing SimpleAccount with room to spare. */
export const OPERATION_GAS = { verificationGasLimit: 100_000n, callGasLimit: 50_000n, preVerificationGas: 60_000n };

/** Fixed limits that cover a SimpleAccount's first operation, deployment included. */
export const DEPLOYING_OPERATION_GAS = { verificationGasLimit: 400_000n, callGasLimit: 50_000n, preVerificationGas: 80_000n };

/**
 * Fees both bundlers accept on anvil: a fixed tip (anvil's only tips are the bundlers' own, so a
 * derived one would compound) and a fee cap far above the base fee a 30M-gas chain reaches here.
 */
export const OPERATION_FEES = { maxPriorityFeePerGas: parseGwei("1"), maxFeePerGas: parseGwei("20") };

const FUNDING = parseEther("1");
// nonce-0 operations per handleOps transaction: about 235k gas each, three transactions per block
const DEPLOYMENTS_PER_TRANSACTION = 40;
// Several full blocks in a row raise the base fee past the usual 1.2x margin, and an underpriced
// transaction waits for ever on a chain no one else uses; a generous fixed cap avoids that.
export const PREPARATION_FEES = { maxFeePerGas: parseGwei("100"), maxPriorityFeePerGas: parseGwei("1") };
const TRANSACTIONS_AT_ONCE = 3;
/**
 * How long preparation waits for one of its transactions to be mined: on a loaded machine anvil
 * 1.7.1 at times leaves a ready transaction unmined for tens of blocks before mining it.
 */
export const PREPARATION_RECEIPT_TIMEOUT_MS = 180_000;
const ENTRY_POINT_ABIS = { "0.7": entryPoint07Abi, "0.8": entryPoint08Abi };

/**
 * An operation of the SDK smart account `account` making `calls`, with the fixed fees and
 * `fields` (nonce, gas limits, factory data), signed as the account signs it.
 */
export async function signed(account, chainId, calls, fields) {
  const operation = {
    sender: account.address,
    callData: await account.encodeCalls(calls),
    ...OPERATION_FEES,
    ...fields,
    signature: "0x",
  };
  operation.signature = await account.signUserOperation({ ...operation, chainId });
  return operation;
}

/** Gives each of `addresses` enough ether to prefund its operations. */
export async function fund(client, addresses) {
  await Promise.all(addresses.map((address) => client.setBalance({ address, value: FUNDING })));
}

/**
 * Runs `operations` through EntryPoint.handleOps from anvil's first account, `perTransaction` to a
 * transaction, and waits until all are mined; preparation only, so no bundler sees them.
 */
export async function handleOpsDirectly(client, entryPoint, operations, perTransaction) {
  const [from] = await client.getAddresses();
  const nonce = await client.getTransactionCount({ address: from, blockTag: "pending" });
  const chunks = Array.from({ length: Math.ceil(operations.length / perTransaction) },
    (_, i) => operations.slice(i * perTransaction, (i + 1) * perTransaction).map(toPackedUserOperation));
  const send = (packed, i) => client.writeContract({ account: from, address: entryPoint.address, nonce: nonce + i,
    abi: ENTRY_POINT_ABIS[entryPoint.version], functionName: "handleOps", args: [packed, from], ...PREPARATION_FEES });
  // The chunks' senders are disjoint, so each can be estimated and sent without waiting for the
  // others; a few at a time, since they share one batched request and anvil refuses one too large.
  const hashes = [];
  for (let i = 0; i < chunks.length; i += TRANSACTIONS_AT_ONCE) {
    hashes.push(...await Promise.all(chunks.slice(i, i + TRANSACTIONS_AT_ONCE).map((packed, j) => send(packed, i + j))));
  }
  for (const hash of hashes) {
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 200, timeout: PREPARATION_RECEIPT_TIMEOUT_MS });
    if (receipt.status !== "success") throw new Error(`handleOps failed in ${hash}`);
  }
}

/** The userOpHash of `operation` for EntryPoint `{ address, version }` on chain `chainId`. */
export function userOperationHash(operation, entryPoint, chainId) {
  return getUserOperationHash({ userOperation: operation, entryPointAddress: entryPoint.address,
    entryPointVersion: entryPoint.version, chainId });
}

/** What the generator sends for `operation`: `{ sender, userOpHash, request }`, `request` being the wire JSON. */
export function prepared(operation, entryPoint, chainId) {
  return { sender: operation.sender, userOpHash: userOperationHash(operation, entryPoint, chainId),
    request: formatUserOperationRequest(operation) };
}

const NOTHING = [{ to: zeroAddress, value: 0n, data: "0x" }];

/** The account's first operation, which deploys it through factory/factoryData. */
async function deployingOperation(account, chainId) {
  return signed(account, chainId, NOTHING, { nonce: 0n, ...(await account.getFactoryArgs()), ...DEPLOYING_OPERATION_GAS });
}

/** Deploys `accounts` through handleOps of their nonce-0 operations. */
async function deployThroughEntryPoint(client, entryPoint, accounts) {
  const chainId = client.chain.id;
  const operations = await Promise.all(accounts.map((account) => deployingOperation(account, chainId)));
  await handleOpsDirectly(client, entryPoint, operations, DEPLOYMENTS_PER_TRANSACTION);
  const codes = await Promise.all(accounts.map((account) => client.getCode({ address: account.address })));
  const missing = codes.filter((code) => !code).length;
  if (missing) throw new Error(`${missing} of ${accounts.length} accounts were not deployed`);
}

/**
 * `count` signed SimpleAccount operations that call nothing, for the EntryPoint `{ address,
 * version }` of chain `client`, as `prepared` returns them.
 */
export async function prepareSimpleOperations(client, entryPoint, count, { withDeployment = false } = {}) {
  const chainId = client.chain.id;
  const accounts = await Promise.all(Array.from({ length: count }, () =>
    toSimpleSmartAccount({ client, owner: privateKeyToAccount(generatePrivateKey()), entryPoint })));
  await fund(client, accounts.map((account) => account.address));
  if (!withDeployment && count > 0) await deployThroughEntryPoint(client, entryPoint, accounts);
  return Promise.all(accounts.map(async (account) => prepared(withDeployment
    ? await deployingOperation(account, chainId)
    : await signed(account, chainId, NOTHING, { nonce: 1n, ...OPERATION_GAS }), entryPoint, chainId)));
}
