// What a broken client sends gets the ERC-7769 error code, and the bundler keeps serving.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { toHex } from "viem";
import { rpc, startDevBundler } from "./support/bundler.js";
import { ENTRY_POINTS, newSimpleAccount } from "./support/accounts.js";

const entryPoint = ENTRY_POINTS[0];

/**
 * An operation as an SDK prepares it (estimated by the bundler), changed by `tamper` after
 * estimation, then signed by the owner; in wire form.
 */
async function preparedOperation(context, tamper = (op) => op) {
  const { client, account } = context;
  const prepared = tamper(await client.prepareUserOperation({
    calls: [{ to: "0x000000000000000000000000000000000000dEaD", value: 1n, data: "0x" }],
  }));
  const signature = await account.signUserOperation(prepared);
  return toWire({ ...prepared, signature });
}

function toWire(op) {
  const wire = {};
  for (const field of ["sender", "nonce", "factory", "factoryData", "callData", "callGasLimit",
    "verificationGasLimit", "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas",
    "paymaster", "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "paymasterData", "signature"]) {
    const value = op[field];
    if (value === undefined || value === null) continue;
    wire[field] = typeof value === "bigint" ? toHex(value) : value;
  }
  return wire;
}

async function send(url, op, ep = entryPoint.address) {
  return rpc(url, "eth_sendUserOperation", [op, ep]);
}

describe("rejections over JSON-RPC", () => {
  let bundler;
  let funded;
  before(async () => {
    bundler = await startDevBundler();
    funded = await newSimpleAccount({ ...bundler, entryPoint });
  });
  after(async () => { await bundler?.stop(); });

  it("refuses a bad signature with -32507", async () => {
    const op = await preparedOperation(funded);
    const wrong = await newSimpleAccount({ ...bundler, entryPoint, fund: false });
    op.signature = await wrong.owner.signMessage({ message: { raw: "0x" + "11".repeat(32) } });
    const response = await send(bundler.rpcUrl, op);
    assert.equal(response.error?.code, -32507, JSON.stringify(response));
  });

  it("refuses a wrong nonce with -32500 and AA25", async () => {
    const op = await preparedOperation(funded, (prepared) => ({ ...prepared, nonce: prepared.nonce + 5n }));
    const response = await send(bundler.rpcUrl, op);
    assert.equal(response.error?.code, -32500, JSON.stringify(response));
    assert.match(response.error.message, /AA25/);
  });

  it("refuses an unfunded account with -32500 and AA21", async () => {
    const poor = await newSimpleAccount({ ...bundler, entryPoint, fund: false });
    const op = await preparedOperation(poor);
    const response = await send(bundler.rpcUrl, op);
    assert.equal(response.error?.code, -32500, JSON.stringify(response));
    assert.match(response.error.message, /AA21/);
  });

  it("refuses an unsupported EntryPoint with -32602", async () => {
    const op = await preparedOperation(funded);
    const response = await send(bundler.rpcUrl, op, "0x1111111111111111111111111111111111111111");
    assert.equal(response.error?.code, -32602, JSON.stringify(response));
    assert.match(response.error.message, /0x1111111111111111111111111111111111111111/i);
  });

  it("accepts an operation once and refuses the duplicate", async () => {
    const op = await preparedOperation(funded);
    const first = await send(bundler.rpcUrl, op);
    assert.match(first.result ?? "", /^0x[0-9a-f]{64}$/, JSON.stringify(first));
    const second = await send(bundler.rpcUrl, op);
    assert.ok(second.error, JSON.stringify(second));
    assert.match(second.error.message, /already/i);
  });

  it("answers malformed JSON with -32700", async () => {
    const response = await fetch(bundler.rpcUrl, {
      method: "POST", headers: { "content-type": "application/json" }, body: "{\"jsonrpc\": \"2.0\", ",
    });
    const body = await response.json();
    assert.equal(body.error.code, -32700);
  });

  it("refuses an oversized body without falling over", async () => {
    const response = await fetch(bundler.rpcUrl, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: ["x".repeat(2 * 1024 * 1024)] }),
    });
    assert.equal(response.status, 413);
  });

  it("still serves after all of the above", async () => {
    const chainId = await rpc(bundler.rpcUrl, "eth_chainId");
    assert.equal(chainId.result, "0x7a69");
    const health = await fetch(bundler.rpcUrl.replace("/rpc", "/health"));
    assert.equal(health.status, 200);
  });
});
