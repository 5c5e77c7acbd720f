// A real SDK (permissionless + viem) sends UserOperations through the bundler into mined handleOps
// on both EntryPoints, and the chain shows their effects.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { getAddress } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";
import { rpc, startDevBundler } from "./support/bundler.js";
import { ENTRY_POINTS, newSimpleAccount } from "./support/accounts.js";

const GET_NONCE_ABI = [{
  type: "function", name: "getNonce", stateMutability: "view",
  inputs: [{ name: "sender", type: "address" }, { name: "key", type: "uint192" }],
  outputs: [{ name: "nonce", type: "uint256" }],
}];

describe("SimpleAccount through the bundler", () => {
  let bundler;
  before(async () => { bundler = await startDevBundler(); });
  after(async () => { await bundler?.stop(); });

  it("advertises both EntryPoints and the dev chain id", async () => {
    const entryPoints = await rpc(bundler.rpcUrl, "eth_supportedEntryPoints");
    assert.deepEqual(
      entryPoints.result.map((address) => address.toLowerCase()),
      ENTRY_POINTS.map((ep) => ep.address.toLowerCase()));
    const chainId = await rpc(bundler.rpcUrl, "eth_chainId");
    assert.equal(chainId.result, "0x7a69");
  });

  for (const entryPoint of ENTRY_POINTS) {
    it(`deploys the account and transfers value on EntryPoint v${entryPoint.version}`, async () => {
      const { account, client, publicClient } = await newSimpleAccount({ ...bundler, entryPoint });
      const recipient = privateKeyToAddress(generatePrivateKey());
      assert.equal(await publicClient.getCode({ address: account.address }), undefined);

      const firstHash = await client.sendUserOperation({ calls: [{ to: recipient, value: 1000n, data: "0x" }] });
      const first = await client.waitForUserOperationReceipt({ hash: firstHash, timeout: 60_000 });
      assert.equal(first.success, true);
      assert.equal(first.userOpHash, firstHash);
      assert.equal(first.entryPoint.toLowerCase(), entryPoint.address.toLowerCase());
      assert.equal(getAddress(first.sender), getAddress(account.address));
      assert.ok(first.actualGasCost > 0n);
      assert.equal(first.receipt.status, "success");
      assert.notEqual(await publicClient.getCode({ address: account.address }), undefined);
      assert.equal(await publicClient.getBalance({ address: recipient }), 1000n);

      const secondHash = await client.sendUserOperation({ calls: [{ to: recipient, value: 2000n, data: "0x" }] });
      const second = await client.waitForUserOperationReceipt({ hash: secondHash, timeout: 60_000 });
      assert.equal(second.success, true);
      assert.equal(await publicClient.getBalance({ address: recipient }), 3000n);
      // The SDK picks a fresh nonce key per operation; the EntryPoint's sequence for it advanced.
      const key = second.nonce >> 64n;
      const next = await publicClient.readContract({
        address: entryPoint.address, abi: GET_NONCE_ABI, functionName: "getNonce", args: [account.address, key],
      });
      assert.equal(next, second.nonce + 1n);

      const byHash = await client.getUserOperation({ hash: secondHash });
      assert.equal(byHash.transactionHash, second.receipt.transactionHash);
      assert.equal(getAddress(byHash.userOperation.sender), getAddress(account.address));
      assert.equal(byHash.userOperation.nonce, second.nonce);
    });
  }
});
