// The one chain both bundlers share: anvil from the npm package, with EntryPoint v0.7 and v0.8 and
// their SimpleAccountFactories sent through the CREATE2 deployer exactly as the dev chain does, so
// they sit at the canonical addresses (salts from docs/reference/erc4337.md).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { concatHex, createTestClient, encodeAbiParameters, getCreate2Address, http, keccak256, publicActions, walletActions } from "viem";
import { foundry } from "viem/chains";
import { entryPoint07Address, entryPoint08Address } from "viem/account-abstraction";
import { freePort, startProcess, waitUntil } from "./processes.mjs";

const require = createRequire(import.meta.url);
const CREATE2_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26c0b4956c";
// half a minute of 1 s blocks: more than any bundler reads behind the head
const STATES_KEPT = 32;

/** The EntryPoint releases the benchmark deploys, by the version string viem uses. */
export const ENTRY_POINTS = {
  "0.7": { address: entryPoint07Address, salt: "0x90d8084deab30c2a37c45e8d47f49f2f7965183cb6990a98943ef94940681de3",
    artifacts: "@account-abstraction/contracts-v07" },
  "0.8": { address: entryPoint08Address, salt: "0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9",
    artifacts: "@account-abstraction/contracts-v08" },
};

function artifact(release, contract) {
  const packageDir = path.dirname(require.resolve(`${release.artifacts}/package.json`));
  return JSON.parse(readFileSync(path.join(packageDir, "artifacts", `${contract}.json`), "utf8")).bytecode;
}

/**
 * Starts anvil on a free loopback port. `blockTimeSeconds` 0 means automine (a block per
 * transaction); otherwise blocks are mined on that interval. It keeps the states of the last
 * STATES_KEPT blocks only (`--prune-history N`): a long run mines thousands of full blocks, whose
 * states otherwise grow anvil past 20 GB. Keeping none at all is not enough for the bundlers: a
 * call for "latest" that meets a new block then fails with "block height is 133 but requested was
 * 132" (Alto answered 13 of 30,000 operations with that in one run).
 */
export async function startAnvil({ blockTimeSeconds, logFile }) {
  const port = await freePort();
  const binary = require.resolve("@foundry-rs/anvil-linux-amd64/bin/anvil");
  const args = ["--host", "127.0.0.1", "--port", String(port), "--silent", "--prune-history", String(STATES_KEPT)];
  if (blockTimeSeconds > 0) args.push("--block-time", String(blockTimeSeconds));
  const child = startProcess("anvil", binary, args, { logFile, graceMs: 2_000 });
  const url = `http://127.0.0.1:${port}`;
  const client = createTestClient({ chain: foundry, mode: "anvil", transport: http(url, { batch: { batchSize: 200 } }) })
    .extend(publicActions).extend(walletActions);
  await waitUntil("anvil answering", async () => (await client.getChainId()) === foundry.id, { child, timeoutMs: 30_000 });
  return { url, client, process: child };
}

/** Sends each EntryPoint and its factory through the CREATE2 deployer and checks where they landed. */
export async function deployEntryPoints(client) {
  const [from] = await client.getAddresses();
  const deployed = {};
  for (const [version, release] of Object.entries(ENTRY_POINTS)) {
    const entryPointCode = artifact(release, "EntryPoint");
    const factoryCode = concatHex([artifact(release, "SimpleAccountFactory"),
      encodeAbiParameters([{ type: "address" }], [release.address])]);
    const entryPoint = await create2(client, from, release.salt, entryPointCode);
    if (entryPoint.toLowerCase() !== release.address.toLowerCase()) {
      throw new Error(`EntryPoint ${version} landed at ${entryPoint}, not at the canonical ${release.address}`);
    }
    deployed[version] = { entryPoint, factory: await create2(client, from, `0x${"00".repeat(32)}`, factoryCode) };
  }
  return deployed;
}

async function create2(client, from, salt, code) {
  const address = getCreate2Address({ from: CREATE2_DEPLOYER, salt, bytecodeHash: keccak256(code) });
  if (await client.getCode({ address })) return address;
  const hash = await client.sendTransaction({ account: from, to: CREATE2_DEPLOYER, data: concatHex([salt, code]) });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 100 });
  if (receipt.status !== "success" || !(await client.getCode({ address }))) {
    throw new Error(`CREATE2 deployment to ${address} failed in ${hash}`);
  }
  return address;
}
