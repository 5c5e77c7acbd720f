// A ZeroDev Kernel v3.1 account with a session key, built and signed by the real ZeroDev SDK, through
// the bundler: the session key may call one token's `transfer` up to LIMIT (a CallPolicy) within a
// time window (a TimestampPolicy). In-scope operations are accepted and mined, the first one in
// enable mode (it deploys the account through the SDK's default meta factory and installs the
// permission), as are session signatures the chain accepts in other forms (high s, 64 bytes);
// out-of-scope, expired, not-yet-valid and wrongly signed ones are refused with the ERC-7769 codes
// and a message naming the rule, and while the bundler refuses them its node client makes no
// request at all (bundler_node_requests_total on GET /metrics). Operations under the installed
// permission are judged by the grant the bundler cached from the enable-mode one; enable-mode
// operations by the permission they carry. Each refused operation is also run through handleOps on
// the chain, which must fail it in the same class.
//
// The test owns the chain (support/chain.js, support/kernel.js) and runs `bundler run --unsafe` with
// manual bundling and an hour's poll interval, so nothing but the request under test uses the node
// while the counter is read; anvil's clock is real time, which the bundler judges windows against.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  concatHex, decodeAbiParameters, encodeAbiParameters, encodeFunctionData, erc20Abi, getAddress, http, numberToHex, parseAbi,
  parseEther, parseSignature, serializeCompactSignature, signatureToCompactSignature, size, slice, toFunctionSelector,
} from "viem";
import { foundry } from "viem/chains";
import {
  entryPoint07Abi, entryPoint07Address, formatUserOperationRequest, getUserOperationHash, toPackedUserOperation,
} from "viem/account-abstraction";
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from "viem/accounts";
import { constants, createKernelAccountClient } from "@zerodev/sdk";
import { rpc, startBundler } from "./support/bundler.js";
import { deployEntryPoints, startAnvil } from "./support/chain.js";
import { chainClients, fixedFees } from "./support/accounts.js";
import {
  DEFAULT_PERMISSION, ENABLE_PERMISSION, KERNEL_ADDRESSES, deployKernel, install, nonceMode, noncePermission, permissionSignature,
  tokenTransferSession,
} from "./support/kernel.js";

const entryPoint = constants.getEntryPoint("0.7");
const TOKEN = "0x7e57000000000000000000000000000000000001";
const OTHER_TOKEN = "0x7e57000000000000000000000000000000000002";
const TRANSFER = toFunctionSelector("transfer(address,uint256)");
const LIMIT = 1_000_000n;
const HOUR = 3_600;
// Above what the enable-mode operation (installing the permission) and a transfer need; operations
// sent raw carry these, so no estimation runs before the request under test.
const GAS = { callGasLimit: 200_000n, verificationGasLimit: 1_500_000n, preVerificationGas: 200_000n };
// The order of secp256k1: s and n - s make the same signature, with the other recovery bit.
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
// An enable-mode signature after the 20-byte hook: validatorData, hookData, selectorData, the
// owner's enable signature and the permission signature (0xff, then the session key's).
const ENABLE_SIGNATURE = ["validatorData", "hookData", "selectorData", "enableSig", "userOpSig"]
  .map((name) => ({ name, type: "bytes" }));

function transfer(token, to, amount) {
  return { to: token, value: 0n, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, amount] }) };
}

/** The same ECDSA signature with s replaced by n - s (and v flipped), which ecrecover accepts. */
function highS(signature) {
  const { r, s, yParity } = parseSignature(signature);
  return concatHex([r, numberToHex(SECP256K1_N - BigInt(s), { size: 32 }), yParity === 0 ? "0x1c" : "0x1b"]);
}

/** `signature`, an SDK enable-mode one, with the session key's signature inside replaced by `sessionSignature`. */
function withEnableModeSessionSignature(signature, sessionSignature) {
  const parts = decodeAbiParameters(ENABLE_SIGNATURE, slice(signature, 20));
  const userOpSig = parts[4];
  assert.equal(size(userOpSig), 66);
  return concatHex([slice(signature, 0, 20), encodeAbiParameters(ENABLE_SIGNATURE,
    [...parts.slice(0, 4), concatHex([slice(userOpSig, 0, 1), sessionSignature])])]);
}

describe("ZeroDev Kernel v3.1 session key through the bundler", () => {
  let anvil;
  let dataDir;
  let bundler;
  let publicClient;
  let chainNow;
  const owner = privateKeyToAccount(generatePrivateKey());
  const sessionKey = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const recipient = privateKeyToAddress(generatePrivateKey());
  let session;

  /**
   * The owner's Kernel account (always the same address: sudo validator and index decide it) as the
   * SDK builds it with a permission for `sessionKey` over the transfer policy and the window
   * [validAfter, validUntil], and a client sending through the bundler.
   */
  async function sessionAccount({ validAfter, validUntil }) {
    const { account, permissionId } = await tokenTransferSession(publicClient, {
      entryPoint, owner, sessionKey, token: TOKEN, limit: LIMIT, validAfter, validUntil,
    });
    const client = createKernelAccountClient({
      account,
      chain: foundry,
      client: publicClient,
      bundlerTransport: http(bundler.rpcUrl),
      userOperation: { estimateFeesPerGas: () => fixedFees(publicClient) },
    });
    return { account, client, permissionId };
  }

  /** `calls` prepared by the SDK with fixed gas (no estimation) and signed by it. */
  async function signedOperation({ account, client }, calls) {
    const prepared = await client.prepareUserOperation({ calls, ...GAS });
    return { ...prepared, signature: await account.signUserOperation(prepared) };
  }

  function userOpHash(op) {
    return getUserOperationHash({
      userOperation: op, entryPointAddress: entryPoint.address, entryPointVersion: "0.7", chainId: foundry.id,
    });
  }

  async function nodeRequests() {
    const metrics = await (await fetch(bundler.rpcUrl.replace(/\/rpc$/, "/metrics"))).text();
    const match = metrics.match(/^bundler_node_requests_total (\d+)$/m);
    assert.ok(match, metrics);
    return BigInt(match[1]);
  }

  /** What handleOps does with `op` on the chain: "accepted", or the EntryPoint's FailedOp reason. */
  async function chainVerdict(op) {
    try {
      await publicClient.simulateContract({
        address: entryPoint.address, abi: entryPoint07Abi, functionName: "handleOps",
        args: [[toPackedUserOperation(op)], recipient], account: recipient,
      });
      return "accepted";
    } catch (error) {
      const data = error.walk((cause) => cause.data?.errorName)?.data;
      if (data?.errorName === "FailedOp" || data?.errorName === "FailedOpWithRevert") return data.args[1];
      throw error;
    }
  }

  /**
   * Sends `op` raw and expects it refused with `code` and a message matching `message`, with the
   * node's request counter unchanged around the request; then expects the chain to fail it with a
   * reason matching `chainReason`.
   */
  async function assertRefusedWithoutNodeRequest(t, op, { code, message, chainReason }) {
    const before = await nodeRequests();
    const response = await rpc(bundler.rpcUrl, "eth_sendUserOperation", [formatUserOperationRequest(op), entryPoint.address]);
    const after = await nodeRequests();
    assert.equal(response.error?.code, code, JSON.stringify(response));
    assert.match(response.error.message, message);
    assert.equal(after - before, 0n, `node requests while refusing: ${response.error.message}`);
    const onChain = await chainVerdict(op);
    assert.match(onChain, chainReason);
    t.diagnostic(`bundler ${code}: ${response.error.message}; chain: ${onChain}`);
  }

  async function sendAndMine(client, calls) {
    const hash = await client.sendUserOperation({ calls });
    const bundle = await rpc(bundler.rpcUrl, "debug_bundler_sendBundleNow");
    assert.equal(bundle.error, undefined, JSON.stringify(bundle));
    return client.waitForUserOperationReceipt({ hash, timeout: 30_000 });
  }

  async function blockTime() {
    return Number((await publicClient.getBlock()).timestamp);
  }

  async function balanceOf(holder, token = TOKEN) {
    return publicClient.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [holder] });
  }

  before(async () => {
    anvil = await startAnvil();
    await deployEntryPoints(anvil.client);
    await deployKernel(anvil.client, entryPoint);
    await install(anvil.client, TOKEN, "sessionkey/TestToken");
    await install(anvil.client, OTHER_TOKEN, "sessionkey/TestToken");
    ({ publicClient } = chainClients(anvil.url));

    dataDir = await mkdtemp(path.join(tmpdir(), "seed-zerodev-"));
    const signer = generatePrivateKey();
    await anvil.client.setBalance({ address: privateKeyToAccount(signer).address, value: parseEther("100") });
    const signerKeyFile = path.join(dataDir, "signer.key");
    await writeFile(signerKeyFile, signer);
    bundler = await startBundler({
      nodeUrl: anvil.url, entryPoints: [entryPoint07Address], signerKeyFile,
      extraArgs: ["--unsafe", "--debug-api", "--bundling-mode", "manual", "--poll-interval-ms", "3600000",
        "--data-dir", path.join(dataDir, "bundler")],
    });

    // The bundler judges windows by its own clock, the chain by block time: they must agree.
    chainNow = await blockTime();
    assert.ok(Math.abs(chainNow - Date.now() / 1000) < 60, `anvil's clock ${chainNow} is not real time`);
    session = await sessionAccount({ validAfter: chainNow - HOUR, validUntil: chainNow + HOUR });
    await anvil.client.setBalance({ address: session.account.address, value: parseEther("10") });
    for (const token of [TOKEN, OTHER_TOKEN]) {
      await anvil.client.writeContract({
        account: (await anvil.client.getAddresses())[0], address: token,
        abi: parseAbi(["function mint(address to, uint256 amount)"]),
        functionName: "mint", args: [session.account.address, 10n * LIMIT],
      });
    }
  });

  after(async () => {
    await bundler?.stop();
    await anvil?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("mines the first in-scope transfer, sent in enable mode through the meta factory", async () => {
    assert.equal(await publicClient.getCode({ address: session.account.address }), undefined);
    const receipt = await sendAndMine(session.client, [transfer(TOKEN, recipient, LIMIT)]);
    assert.equal(receipt.success, true, JSON.stringify(receipt, (_, v) => (typeof v === "bigint" ? `${v}` : v)));
    assert.equal(receipt.receipt.status, "success");
    assert.equal(getAddress(receipt.sender), getAddress(session.account.address));
    assert.equal(nonceMode(receipt.nonce), ENABLE_PERMISSION);
    const { userOperation } = await session.client.getUserOperation({ hash: receipt.userOpHash });
    assert.equal(getAddress(userOperation.factory), getAddress(KERNEL_ADDRESSES.metaFactoryAddress));
    assert.equal(noncePermission(receipt.nonce), session.permissionId);
    assert.equal(await balanceOf(recipient), LIMIT);
    assert.equal(await balanceOf(session.account.address), 9n * LIMIT);
  });

  it("mines a second in-scope transfer under the installed permission", async () => {
    const before = await nodeRequests();
    const receipt = await sendAndMine(session.client, [transfer(TOKEN, recipient, 10n)]);
    assert.ok(await nodeRequests() > before, "an accepted operation is simulated on the node");
    assert.equal(receipt.success, true);
    assert.equal(nonceMode(receipt.nonce), DEFAULT_PERMISSION);
    assert.equal(await balanceOf(recipient), LIMIT + 10n);
  });

  it("mines in-scope transfers whose session signature has a high s or is 64 bytes, as the chain accepts", async () => {
    const forms = {
      highS,
      compact: (signature) => serializeCompactSignature(signatureToCompactSignature(parseSignature(signature))),
    };
    for (const [form, rewrite] of Object.entries(forms)) {
      const op = await signedOperation(session, [transfer(TOKEN, recipient, 10n)]);
      const variant = { ...op, signature: concatHex([slice(op.signature, 0, 1), rewrite(slice(op.signature, 1))]) };
      assert.equal(await chainVerdict(variant), "accepted", form);
      const sent = await rpc(bundler.rpcUrl, "eth_sendUserOperation", [formatUserOperationRequest(variant), entryPoint.address]);
      assert.equal(sent.result, userOpHash(variant), `${form}: ${JSON.stringify(sent)}`);
      assert.equal((await rpc(bundler.rpcUrl, "debug_bundler_sendBundleNow")).error, undefined);
      const receipt = await session.client.waitForUserOperationReceipt({ hash: sent.result, timeout: 30_000 });
      assert.equal(receipt.success, true, form);
    }
    assert.equal(await balanceOf(recipient), LIMIT + 30n);
  });

  it("refuses a transfer above the limit with -32500 naming call 0 and the argument rule", async (t) => {
    const op = await signedOperation(session, [transfer(TOKEN, recipient, LIMIT + 1n)]);
    assert.equal(nonceMode(op.nonce), DEFAULT_PERMISSION);
    await assertRefusedWithoutNodeRequest(t, op, {
      code: -32500,
      message: new RegExp(`^session key: call 0 to ${TOKEN} selector ${TRANSFER}: argument 1 must be <= ${LIMIT}`, "i"),
      chainReason: /^AA23/,
    });
  });

  it("refuses a transfer of another token with -32500", async (t) => {
    const op = await signedOperation(session, [transfer(OTHER_TOKEN, recipient, 10n)]);
    await assertRefusedWithoutNodeRequest(t, op, {
      code: -32500,
      message: new RegExp(`call 0 to ${OTHER_TOKEN} selector ${TRANSFER}: not permitted by the call policy`, "i"),
      chainReason: /^AA23/,
    });
  });

  it("refuses another selector of the token with -32500", async (t) => {
    const approve = encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [recipient, 10n] });
    const op = await signedOperation(session, [{ to: TOKEN, value: 0n, data: approve }]);
    await assertRefusedWithoutNodeRequest(t, op, {
      code: -32500,
      message: new RegExp(`call 0 to ${TOKEN} selector ${slice(approve, 0, 4)}: not permitted by the call policy`, "i"),
      chainReason: /^AA23/,
    });
  });

  it("refuses an in-scope transfer signed by another key with -32507", async (t) => {
    const op = await signedOperation(session, [transfer(TOKEN, recipient, 10n)]);
    // The SDK's permission signature is the form permissionSignature makes: 0xff, then the session key's.
    assert.equal(op.signature, await permissionSignature(sessionKey, userOpHash(op)));
    assert.equal(await chainVerdict(op), "accepted");
    await assertRefusedWithoutNodeRequest(t, { ...op, signature: await permissionSignature(stranger, userOpHash(op)) }, {
      code: -32507, message: /^session key: signature does not match the grant/, chainReason: /^AA24/,
    });
  });

  it("refuses an enable-mode transfer signed by another key with -32507, from the operation alone", async (t) => {
    const fresh = await sessionAccount({ validAfter: chainNow - HOUR, validUntil: chainNow + 2 * HOUR });
    const op = await signedOperation(fresh, [transfer(TOKEN, recipient, 10n)]);
    assert.equal(nonceMode(op.nonce), ENABLE_PERMISSION);
    assert.equal(await chainVerdict(op), "accepted");
    const forged = await stranger.signMessage({ message: { raw: userOpHash(op) } });
    await assertRefusedWithoutNodeRequest(t, { ...op, signature: withEnableModeSessionSignature(op.signature, forged) }, {
      code: -32507, message: /^session key: signature does not match the grant/, chainReason: /^AA24/,
    });
  });

  it("refuses a permission whose window has closed with -32503", async (t) => {
    const expired = await sessionAccount({ validAfter: chainNow - 2 * HOUR, validUntil: chainNow - HOUR });
    assert.equal(expired.account.address, session.account.address);
    const op = await signedOperation(expired, [transfer(TOKEN, recipient, 10n)]);
    assert.equal(nonceMode(op.nonce), ENABLE_PERMISSION);
    assert.ok(await blockTime() > chainNow - HOUR, "the chain's time is past the window");
    await assertRefusedWithoutNodeRequest(t, op, {
      code: -32503, message: new RegExp(`^session key: valid until ${chainNow - HOUR}\\b`), chainReason: /^AA22/,
    });
  });

  it("refuses a permission whose window has not opened with -32503", async (t) => {
    const early = await sessionAccount({ validAfter: chainNow + HOUR, validUntil: chainNow + 2 * HOUR });
    const op = await signedOperation(early, [transfer(TOKEN, recipient, 10n)]);
    assert.equal(nonceMode(op.nonce), ENABLE_PERMISSION);
    assert.ok(await blockTime() < chainNow + HOUR, "the chain's time is before the window");
    await assertRefusedWithoutNodeRequest(t, op, {
      code: -32503, message: new RegExp(`^session key: not valid before ${chainNow + HOUR}\\b`), chainReason: /^AA22/,
    });
  });

  it("leaves the refused operations out of the chain and the pool", async () => {
    assert.equal(await balanceOf(recipient), LIMIT + 30n);
    assert.equal(await balanceOf(recipient, OTHER_TOKEN), 0n);
    const pool = await rpc(bundler.rpcUrl, "debug_bundler_dumpMempool", [entryPoint.address]);
    assert.deepEqual(pool.result, []);
  });
});
