// The two bundlers under test, each behind its own counting proxy to the shared anvil. Both get
// their own anvil dev key as signer so their transaction nonces never collide, and both are told
// to serve the same EntryPoints.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startProcess, waitUntil } from "./processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, two levels above bench/load. */
export const REPO_ROOT = path.resolve(here, "../../..");
export const BUNDLER_JAR = path.join(REPO_ROOT, "rpc/target/bundler.jar");

// anvil's well-known dev keys 1, 2 and 3 (key 0 deploys the EntryPoints).
const OUR_SIGNER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ALTO_EXECUTOR_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const ALTO_UTILITY_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

/**
 * Copies `jar` (bundler.jar) into `workDir`, so a rebuild in the shared tree during a run cannot
 * swap or break the bundler under test; returns the copy's path and what identifies the build.
 */
export function snapshotJar(jar, workDir) {
  if (!existsSync(jar)) {
    throw new Error(`${jar} is missing: build it first with ./bundler build`);
  }
  const copy = path.join(workDir, "bundler.jar");
  copyFileSync(jar, copy);
  const sha256 = createHash("sha256").update(readFileSync(copy)).digest("hex");
  return { path: copy, built: statSync(jar).mtime.toISOString(), sha256 };
}

/** Starts the counting proxy in front of `nodeUrl`; `stats()` and `reset()` read and zero it. */
export async function startProxy({ nodeUrl, logFile }) {
  const port = await freePort();
  const child = startProcess("proxy", process.execPath, [path.join(here, "proxy.mjs"), "--port", String(port),
    "--target", nodeUrl], { logFile, graceMs: 2_000 });
  const base = `http://127.0.0.1:${port}`;
  await waitUntil("the proxy listening", async () => (await fetch(`${base}/stats`)).ok, { child, timeoutMs: 10_000 });
  return {
    url: base,
    process: child,
    async stats() {
      return (await fetch(`${base}/stats`)).json();
    },
    async reset() {
      await fetch(`${base}/reset`, { method: "POST" });
    },
  };
}

function javaMajor(java) {
  const output = spawnSync(java, ["-XshowSettings:properties", "-version"], { encoding: "utf8" }).stderr ?? "";
  return Number(output.match(/java\.specification\.version = (\d+)/)?.[1] ?? 0);
}

let foundJava;

/**
 * A Java 21+ runtime: JAVA_HOME's, else the newest in /usr/lib/jvm, else `java` on the PATH; looked
 * up once, since every bundler start asks.
 */
export function javaBinary() {
  foundJava ??= findJava();
  return foundJava;
}

function findJava() {
  if (process.env.JAVA_HOME) return path.join(process.env.JAVA_HOME, "bin", "java");
  const installed = existsSync("/usr/lib/jvm") ? readdirSync("/usr/lib/jvm").sort().reverse() : [];
  for (const dir of installed) {
    const java = path.join("/usr/lib/jvm", dir, "bin", "java");
    if (existsSync(java) && javaMajor(java) >= 21) return java;
  }
  return "java";
}

/**
 * Our bundler: `jar run` (a copy of bundler.jar, see snapshotJar) against `nodeUrl`, a fresh data directory, default settings but
 * for the poll interval; `javaOptions` go before `-jar` (e.g. a JFR recording), `extraArgs` after.
 */
export async function startOurs({ jar, nodeUrl, entryPoints, workDir, logFile, pollIntervalMs, javaOptions = [], extraArgs = [] }) {
  const port = await freePort();
  const keyFile = path.join(workDir, "ours-signer.key");
  writeFileSync(keyFile, OUR_SIGNER_KEY, { mode: 0o600 });
  const dataDir = mkdtempSync(path.join(workDir, "ours-data-"));
  const child = startProcess("ours", javaBinary(), [...javaOptions, "-jar", jar, "run",
    "--host", "127.0.0.1", "--port", String(port), "--node-url", nodeUrl, "--entrypoints", entryPoints.join(","),
    "--signer-key-file", keyFile, "--unsafe", "--data-dir", dataDir, "--poll-interval-ms", String(pollIntervalMs),
    ...extraArgs],
  { logFile, graceMs: 15_000 });
  await waitUntil("our bundler healthy", async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
    { child, timeoutMs: 120_000, intervalMs: 250 });
  return { name: "ours", rpcUrl: `http://127.0.0.1:${port}/rpc`, process: child };
}

/**
 * Alto 0.0.20 from npm with `--safe-mode false` (no tracer on anvil, like our `--unsafe`), one
 * executor key, told the chain's real block time; everything else at its defaults.
 */
export async function startAlto({ nodeUrl, entryPoints, logFile, blockTimeMs, extraArgs = [] }) {
  const port = await freePort();
  // the package exports only its library entry, so the CLI is reached by its path
  const cli = path.resolve(here, "../node_modules/@pimlico/alto/esm/cli/alto.js");
  const child = startProcess("alto", process.execPath, [cli,
    "--entrypoints", entryPoints.join(","),
    "--executor-private-keys", ALTO_EXECUTOR_KEY,
    "--utility-private-key", ALTO_UTILITY_KEY,
    "--rpc-url", nodeUrl,
    "--safe-mode", "false",
    "--port", String(port),
    "--block-time", String(blockTimeMs),
    "--log-level", "warn",
    ...extraArgs,
  ], { logFile, graceMs: 10_000 });
  const rpcUrl = `http://127.0.0.1:${port}/rpc`;
  await waitUntil("Alto answering", async () => {
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_supportedEntryPoints", params: [] }) });
    return Array.isArray((await response.json()).result);
  }, { child, timeoutMs: 120_000, intervalMs: 250 });
  return { name: "alto", rpcUrl, process: child };
}
