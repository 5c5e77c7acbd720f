// Nothing acknowledged is ever lost: the bundler answers eth_sendUserOperation only after the
// operation is durable, so a kill -9 in the middle of a stream of concurrent operations leaves every
// acknowledged one in the mempool after a restart on the same data directory, each exactly once.
//
// How: the test owns the chain. It starts anvil itself and deploys the canonical EntryPoints v0.7
// and v0.8 through the CREATE2 deployer (support/chain.js), then runs the bundler with
// `run --node-url <that anvil> --unsafe --debug-api --bundling-mode manual --data-dir <temp dir>`.
// `--unsafe` because this test is about durability under a burst, not validation: anvil runs the
// safe-mode trace (a JavaScript tracer, about 130 ms per deploying operation) one at a time, so 32
// concurrent senders queue past the node client's 10 s timeout and get "node unavailable".
// `bundler dev` will not do here: it starts its own anvil as a child, which a kill -9 of the JVM
// would leave orphaned on the port the restarted bundler's anvil needs. Manual bundling keeps every
// accepted operation pending, so debug_bundler_dumpMempool is the whole answer; the test hashes
// what it dumps and compares with what was acknowledged. Operations come from distinct fresh
// SimpleAccounts (one each, deploying the account through its factory) with fixed generous gas
// limits, so no estimation per operation is needed; they are signed before the bundler is stressed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http, parseEther } from "viem";
import { foundry } from "viem/chains";
import { formatUserOperation, formatUserOperationRequest, getUserOperationHash } from "viem/account-abstraction";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { toSimpleSmartAccount } from "permissionless/accounts";
import { rpc, startBundler } from "./support/bundler.js";
import { deployEntryPoints, startAnvil } from "./support/chain.js";
import { ENTRY_POINTS, PRIORITY_FEE } from "./support/accounts.js";

const OPERATIONS = 512;
const CONCURRENCY = 32;
const RECIPIENT = "0x000000000000000000000000000000000000dEaD";
// Above what a SimpleAccount deployment plus one transfer needs on either EntryPoint.
const GAS = { callGasLimit: 100_000n, verificationGasLimit: 1_000_000n, preVerificationGas: 100_000n };

/** One signed first operation of a fresh SimpleAccount, with its userOpHash. */
async function signedOperation(publicClient, entryPoint, fees) {
  const account = await toSimpleSmartAccount({
    client: publicClient, owner: privateKeyToAccount(generatePrivateKey()), entryPoint,
  });
  const { factory, factoryData } = await account.getFactoryArgs();
  const operation = {
    sender: account.address, nonce: 0n, factory, factoryData,
    callData: await account.encodeCalls([{ to: RECIPIENT, value: 1n, data: "0x" }]),
    ...GAS, ...fees,
  };
  operation.signature = await account.signUserOperation({ ...operation, chainId: foundry.id });
  const hash = getUserOperationHash({
    userOperation: operation, entryPointAddress: entryPoint.address,
    entryPointVersion: entryPoint.version, chainId: foundry.id,
  });
  return { entryPoint: entryPoint.address, wire: formatUserOperationRequest(operation), hash };
}

/**
 * Sends every operation, CONCURRENCY at a time, and kills the bundler once half are acknowledged.
 * Returns the hashes acknowledged; a send cut off by the kill is not acknowledged.
 */
async function sendUntilKilled(bundler, operations) {
  const acknowledged = [];
  let next = 0;
  let killing;
  async function worker() {
    while (!killing && next < operations.length) {
      const op = operations[next++];
      let response;
      try {
        response = await rpc(bundler.rpcUrl, "eth_sendUserOperation", [op.wire, op.entryPoint]);
      } catch (error) {
        if (killing) return;
        throw error;
      }
      assert.equal(response.error, undefined, `refused before the kill: ${JSON.stringify(response.error)}`);
      assert.equal(response.result, op.hash, "acknowledged under another hash");
      acknowledged.push(op.hash);
      if (acknowledged.length >= operations.length / 2 && !killing) {
        killing = bundler.kill();
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await killing;
  return acknowledged;
}

describe("crash recovery", () => {
  let anvil;
  let dataDir;
  let bundler;
  let bundlerOptions;
  let operations;

  before(async () => {
    anvil = await startAnvil();
    const entryPoints = await deployEntryPoints(anvil.client);
    dataDir = await mkdtemp(path.join(tmpdir(), "seed-crash-"));
    const signer = generatePrivateKey();
    await anvil.client.setBalance({ address: privateKeyToAccount(signer).address, value: parseEther("100") });
    const signerKeyFile = path.join(dataDir, "signer.key");
    await writeFile(signerKeyFile, signer);
    bundlerOptions = {
      nodeUrl: anvil.url, entryPoints, signerKeyFile,
      extraArgs: ["--unsafe", "--debug-api", "--bundling-mode", "manual", "--data-dir", path.join(dataDir, "bundler")],
    };

    // Batched: preparing hundreds of accounts costs hundreds of getSenderAddress calls.
    const publicClient = createPublicClient({ chain: foundry, transport: http(anvil.url, { batch: true }) });
    const block = await publicClient.getBlock();
    const fees = { maxFeePerGas: block.baseFeePerGas * 2n + PRIORITY_FEE, maxPriorityFeePerGas: PRIORITY_FEE };
    operations = await Promise.all(Array.from({ length: OPERATIONS },
      (_, i) => signedOperation(publicClient, ENTRY_POINTS[i % ENTRY_POINTS.length], fees)));
    await Promise.all(operations.map((op) =>
      anvil.client.setBalance({ address: op.wire.sender, value: parseEther("1") })));
  });

  after(async () => {
    await bundler?.kill();
    await anvil?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged operation, once, across a kill -9", async (t) => {
    bundler = await startBundler(bundlerOptions);
    const acknowledged = await sendUntilKilled(bundler, operations);
    assert.ok(acknowledged.length >= OPERATIONS / 2, `only ${acknowledged.length} acknowledged`);
    assert.ok(acknowledged.length < OPERATIONS, "the kill came after the last operation");
    assert.equal(new Set(acknowledged).size, acknowledged.length, "a hash acknowledged twice");

    bundler = await startBundler(bundlerOptions);
    const pooled = [];
    for (const entryPoint of ENTRY_POINTS) {
      const { result, error } = await rpc(bundler.rpcUrl, "debug_bundler_dumpMempool", [entryPoint.address]);
      assert.equal(error, undefined, JSON.stringify(error));
      pooled.push(...result.map((op) => getUserOperationHash({
        userOperation: formatUserOperation(op), entryPointAddress: entryPoint.address,
        entryPointVersion: entryPoint.version, chainId: foundry.id,
      })));
    }
    t.diagnostic(`${acknowledged.length} of ${OPERATIONS} acknowledged before the kill; ${pooled.length} pending after the restart`);
    const pending = new Set(pooled);
    assert.equal(pending.size, pooled.length, "an operation is in the mempool twice");
    const lost = acknowledged.filter((hash) => !pending.has(hash));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged operations lost`);
    // Operations whose answer the kill cut off may be there too; nothing else may.
    const sent = new Set(operations.map((op) => op.hash));
    assert.deepEqual(pooled.filter((hash) => !sent.has(hash)), [], "the mempool holds operations never sent");
  });
});
