// A chain the test owns, apart from any bundler: anvil from the npm package with EntryPoint v0.7
// and v0.8 and their SimpleAccountFactories deployed at the canonical addresses. A bundler started
// with `run --node-url` against it can be killed and restarted while the chain keeps its state.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { concatHex, createTestClient, encodeAbiParameters, getCreate2Address, http, keccak256, publicActions, walletActions } from "viem";
import { foundry } from "viem/chains";
import { entryPoint07Address, entryPoint08Address } from "viem/account-abstraction";
import { freePort } from "./bundler.js";

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ANVIL = path.join(e2eDir, "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
// The deterministic-deployment proxy anvil predeploys, and the salts that reproduce the canonical
// addresses (docs/reference/erc4337.md).
const CREATE2_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26c0b4956c";
const ZERO_SALT = `0x${"00".repeat(32)}`;
const RELEASES = [
  { alias: "contracts-v07", entryPoint: entryPoint07Address,
    salt: "0x90d8084deab30c2a37c45e8d47f49f2f7965183cb6990a98943ef94940681de3" },
  { alias: "contracts-v08", entryPoint: entryPoint08Address,
    salt: "0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9" },
];

function creationCode(alias, contract) {
  const file = path.join(e2eDir, "node_modules/@account-abstraction", alias, "artifacts", `${contract}.json`);
  return JSON.parse(readFileSync(file, "utf8")).bytecode;
}

/** Starts anvil (automine) on a free port; resolves once it answers JSON-RPC. */
export async function startAnvil() {
  const port = await freePort();
  const child = spawn(ANVIL, ["--host", "127.0.0.1", "--port", String(port)], { stdio: "ignore" });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const client = createTestClient({ chain: foundry, mode: "anvil", transport: http(url) })
    .extend(publicActions).extend(walletActions);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited with ${child.exitCode}`);
    try {
      await client.getChainId();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`anvil did not answer on ${url} within 30 s: ${error.message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    client,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/**
 * Deploys EntryPoint v0.7 and v0.8 and their SimpleAccountFactories through the CREATE2 deployer,
 * from anvil's first unlocked account, and checks that each landed where it must.
 */
export async function deployEntryPoints(client) {
  const [deployer] = await client.getAddresses();
  for (const release of RELEASES) {
    const factoryCode = concatHex([creationCode(release.alias, "SimpleAccountFactory"),
      encodeAbiParameters([{ type: "address" }], [release.entryPoint])]);
    for (const [salt, code, expected] of [
      [release.salt, creationCode(release.alias, "EntryPoint"), release.entryPoint],
      [ZERO_SALT, factoryCode, null],
    ]) {
      const address = getCreate2Address({ from: CREATE2_DEPLOYER, salt, bytecodeHash: keccak256(code) });
      if (expected && address.toLowerCase() !== expected.toLowerCase()) {
        throw new Error(`${release.alias} EntryPoint would land at ${address}, not at ${expected}`);
      }
      const hash = await client.sendTransaction({ account: deployer, to: CREATE2_DEPLOYER, data: concatHex([salt, code]) });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success" || !(await client.getCode({ address }))) {
        throw new Error(`deploying ${release.alias} at ${address} failed in ${hash}`);
      }
    }
  }
  return RELEASES.map((release) => release.entryPoint);
}
