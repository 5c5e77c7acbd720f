// Sends prepared operations with eth_sendUserOperation from `concurrency` workers over keep-alive
// connections, timing each request, and watches the chain for their UserOperationEvents to time
// their inclusion.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { toEventSelector } from "viem";

const REQUEST_TIMEOUT_MS = 30_000;
const USER_OPERATION_EVENT = toEventSelector(
  "UserOperationEvent(bytes32,address,address,uint256,bool,uint256,uint256)");

/** POSTs one JSON-RPC call with `agent`; resolves with the parsed answer or rejects on transport failure. */
function post(url, agent, method, params) {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      agent,
      timeout: REQUEST_TIMEOUT_MS,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
        }
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Sends every operation once. Returns per operation `{ userOpHash, sentAt, answeredAt, latencyMs,
 * accepted, errorCode, errorMessage }` (times from performance.now()), plus the window.
 */
export async function sendOperations({ rpcUrl, entryPoint, operations, concurrency }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const results = new Array(operations.length);
  let next = 0;
  const worker = async () => {
    while (next < operations.length) {
      const index = next++;
      const operation = operations[index];
      const sentAt = performance.now();
      let outcome;
      try {
        const answer = await post(rpcUrl, agent, "eth_sendUserOperation", [operation.request, entryPoint]);
        if (answer.error) {
          outcome = { accepted: false, errorCode: String(answer.error.code), errorMessage: answer.error.message };
        } else if (String(answer.result).toLowerCase() !== operation.userOpHash.toLowerCase()) {
          outcome = { accepted: false, errorCode: "wrong-hash", errorMessage: `answered ${answer.result}` };
        } else {
          outcome = { accepted: true };
        }
      } catch (error) {
        outcome = { accepted: false, errorCode: "transport", errorMessage: error.message };
      }
      const answeredAt = performance.now();
      results[index] = { userOpHash: operation.userOpHash, sentAt, answeredAt, latencyMs: answeredAt - sentAt, ...outcome };
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, operations.length) }, worker));
  const endedAt = performance.now();
  agent.destroy();
  return { results, startedAt, endedAt };
}

/**
 * Watches `entryPoint` on the node (directly, not through a bundler's proxy) for UserOperationEvents
 * and records when each userOpHash was first seen and whether it succeeded. `until(hashes, timeoutMs)`
 * resolves once all of `hashes` were seen or the time is up.
 */
export function watchInclusions({ client, entryPoint, pollMs = 100 }) {
  const seen = new Map();
  let fromBlock;
  let stopped = false;
  let failure;
  const poll = async () => {
    const head = await client.getBlockNumber({ cacheTime: 0 });
    if (fromBlock === undefined) fromBlock = head + 1n;
    if (head < fromBlock) return;
    const logs = await client.request({ method: "eth_getLogs", params: [{ address: entryPoint,
      topics: [USER_OPERATION_EVENT], fromBlock: `0x${fromBlock.toString(16)}`, toBlock: `0x${head.toString(16)}` }] });
    const now = performance.now();
    for (const log of logs) {
      const hash = log.topics[1].toLowerCase();
      if (!seen.has(hash)) {
        // data: nonce, success, actualGasCost, actualGasUsed
        seen.set(hash, { at: now, success: BigInt(`0x${log.data.slice(2 + 64, 2 + 128)}`) === 1n, block: BigInt(log.blockNumber) });
      }
    }
    fromBlock = head + 1n;
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        await poll();
      } catch (error) {
        failure = error;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return {
    seen,
    async ready() {
      while (fromBlock === undefined && !failure) await new Promise((r) => setTimeout(r, 10));
      if (failure) throw failure;
    },
    async until(hashes, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (hashes.some((hash) => !seen.has(hash.toLowerCase())) && performance.now() < deadline) {
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
