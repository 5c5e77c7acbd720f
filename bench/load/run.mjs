#!/usr/bin/env node
// Load benchmark of the whole server: this bundler against Alto 0.0.20 on one anvil, the same
// prepared load for both, in one run. See README.md for what is measured and how to read it.
//
//   node bench/load/run.mjs [--quick | --smoke] [--n 500] [--concurrency 1,8,32] [--runs 3] ...
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ENTRY_POINTS, deployEntryPoints, startAnvil } from "./lib/chain.mjs";
import { BUNDLER_JAR, snapshotJar, startAlto, startOurs, startProxy } from "./lib/bundlers.mjs";
import { SHAPES } from "./lib/shapes.mjs";
import { sendOperations, watchInclusions } from "./lib/load.mjs";
import { summarise } from "./lib/stats.mjs";
import { groupCpuSeconds, ownCpuSeconds } from "./lib/cpu.mjs";
import { environment, writeReport } from "./lib/report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

const MODES = {
  // warm-up as long as a measurement: 200 operations left our JVM still compiling (JFR: C2 busy)
  full: { n: 500, concurrency: "1,8,32", runs: 3, warmup: 500, "idle-seconds": 5 },
  quick: { n: 200, concurrency: "1,8,32", runs: 3, warmup: 200, "idle-seconds": 3 },
  smoke: { n: 8, concurrency: "4", runs: 1, warmup: 0, "idle-seconds": 1 },
};

const USAGE = `usage: node bench/load/run.mjs [options]
  --quick                 N=200, C=1,8,32, 3 runs, 200 warm-up ops (under 10 minutes)
  --smoke                 N=8, C=4, 1 run, no warm-up: checks that everything works; exits 1 if an op fails
  --n N                   operations per measurement (default 500)
  --concurrency LIST      comma-separated concurrencies (default 1,8,32)
  --runs R                runs per concurrency and bundler (default 3)
  --warmup W              operations sent to each freshly started bundler before measuring (default 500)
  --bundlers LIST         which bundlers, in the order of the first run (default ours,alto)
  --shape S               the operations: simple (SimpleAccounts, distinct senders), session-key (Kernel v3.1
                          accounts, distinct senders, each sending an in-scope session-key transfer) or
                          session-key-flood (transfers above the limit from up to 32 Kernel sessions, which each
                          bundler must reject; --quick N=10000, C=32, 5000 warm-up; full N=30000, C=8,32,
                          20000 warm-up) (default simple)
  --entrypoint V          EntryPoint version of the operations: 0.7 or 0.8; session-key needs 0.7 (default 0.7)
  --with-deployment       simple shape: measure each account's first operation, which deploys it through the factory,
                          instead of an operation of an account deployed beforehand
  --block-time S          anvil block time in seconds; 0 = automine (default 1)
  --poll-interval-ms MS   our bundler's --poll-interval-ms (default 1000, its own default)
  --idle-seconds S        how long to count each bundler's node requests while idle (default 5)
  --inclusion-timeout S   how long to wait for the operations of one measurement to be mined (default 30 + N/10)
  --ours-args=ARGS        extra arguments for our bundler, space-separated (e.g. --ours-args="--pool.sync unsynced")
  --alto-args=ARGS        extra arguments for Alto, space-separated
  --jar PATH              our bundler's jar (default rpc/target/bundler.jar)
  --jfr                   record our JVM with JDK Flight Recorder (profile settings), one file per bundler start
  --out DIR               where the report goes (default bench/load/results)
  --keep-work             keep the temporary directory (logs, data dirs) instead of deleting it on success`;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean" }, smoke: { type: "boolean" }, help: { type: "boolean" },
      n: { type: "string" }, concurrency: { type: "string" }, runs: { type: "string" }, warmup: { type: "string" },
      bundlers: { type: "string", default: "ours,alto" }, entrypoint: { type: "string", default: "0.7" },
      shape: { type: "string", default: "simple" }, jar: { type: "string", default: BUNDLER_JAR },
      "with-deployment": { type: "boolean" },
      "block-time": { type: "string", default: "1" }, "poll-interval-ms": { type: "string", default: "1000" },
      "idle-seconds": { type: "string" }, "inclusion-timeout": { type: "string" }, jfr: { type: "boolean" },
      "ours-args": { type: "string", default: "" }, "alto-args": { type: "string", default: "" },
      out: { type: "string", default: path.join(here, "results") }, "keep-work": { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const mode = values.smoke ? "smoke" : values.quick ? "quick" : "full";
  const shape = SHAPES[values.shape];
  if (!shape) throw new Error(`--shape must be one of ${Object.keys(SHAPES)}`);
  // a shape may size a mode its own way (a flood needs thousands of operations, not hundreds)
  const pick = (name) => values[name] ?? String(shape.modes?.[mode]?.[name] ?? MODES[mode][name]);
  const n = positive(pick("n"), "--n");
  const result = {
    mode,
    n,
    concurrencies: pick("concurrency").split(",").map((c) => positive(c, "--concurrency")),
    runs: positive(pick("runs"), "--runs"),
    warmup: nonNegative(pick("warmup"), "--warmup"),
    bundlers: values.bundlers.split(","),
    shape: values.shape,
    entryPointVersion: values.entrypoint,
    withDeployment: Boolean(values["with-deployment"]),
    blockTimeSeconds: nonNegative(values["block-time"], "--block-time"),
    pollIntervalMs: positive(values["poll-interval-ms"], "--poll-interval-ms"),
    idleSeconds: nonNegative(pick("idle-seconds"), "--idle-seconds"),
    inclusionTimeoutSeconds: values["inclusion-timeout"] === undefined
      ? 30 + Math.ceil(n / 10) : positive(values["inclusion-timeout"], "--inclusion-timeout"),
    jar: path.resolve(values.jar),
    jfr: Boolean(values.jfr),
    oursArgs: values["ours-args"].split(" ").filter(Boolean),
    altoArgs: values["alto-args"].split(" ").filter(Boolean),
    out: path.resolve(values.out),
    keepWork: Boolean(values["keep-work"]),
  };
  if (!ENTRY_POINTS[result.entryPointVersion]) throw new Error(`--entrypoint must be one of ${Object.keys(ENTRY_POINTS)}`);
  if (!shape.entryPointVersions.includes(result.entryPointVersion)) {
    throw new Error(`--shape ${result.shape} runs on EntryPoint ${shape.entryPointVersions.join(", ")} only`);
  }
  if (result.withDeployment && result.shape !== "simple") throw new Error("--with-deployment applies to --shape simple only");
  for (const bundler of result.bundlers) {
    if (!["ours", "alto"].includes(bundler)) throw new Error(`unknown bundler '${bundler}' (ours, alto)`);
  }
  return result;
}

function positive(text, flag) {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} must be a positive integer, not '${text}'`);
  return value;
}

function nonNegative(text, flag) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a non-negative integer, not '${text}'`);
  return value;
}

function log(message) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts one bundler behind a fresh proxy; returns it with the proxy. */
async function startBundler(name, context) {
  const { settings, chain, entryPoints, workDir, session } = context;
  const proxy = await startProxy({ nodeUrl: chain.url, logFile: path.join(workDir, `proxy-${session}.log`) });
  try {
    const logFile = path.join(workDir, `${session}.log`);
    const bundler = name === "ours"
      ? await startOurs({ jar: context.jar.path, nodeUrl: proxy.url, entryPoints, workDir, logFile, pollIntervalMs: settings.pollIntervalMs,
        extraArgs: settings.oursArgs,
        javaOptions: settings.jfr ? [`-XX:StartFlightRecording=filename=${path.join(settings.out, `${settings.stamp}-${session}.jfr`)},settings=profile,dumponexit=true`] : [] })
      : await startAlto({ nodeUrl: proxy.url, entryPoints, logFile, extraArgs: settings.altoArgs,
        blockTimeMs: settings.blockTimeSeconds > 0 ? settings.blockTimeSeconds * 1000 : 1000 });
    return { bundler, proxy };
  } catch (error) {
    await proxy.process.stop();
    throw error;
  }
}

/** CPU seconds so far of anvil, the bundler, its proxy and this generator. */
function cpuNow({ chain, bundler, proxy }) {
  const groups = groupCpuSeconds([chain.process.pid, bundler.process.pid, proxy.process.pid]);
  return { anvil: groups[chain.process.pid], bundler: groups[bundler.process.pid], proxy: groups[proxy.process.pid],
    generator: ownCpuSeconds() };
}

/**
 * Sends one prepared set, waits for the inclusion of what was accepted, and summarises it;
 * `expected(result)` says whether an operation was answered as the shape expects.
 */
async function measure({ bundler, proxy, chain, entryPoint, operations, concurrency, inclusionTimeoutSeconds, expected }) {
  const watcher = watchInclusions({ client: chain.client, entryPoint: entryPoint.address });
  try {
    await watcher.ready();
    await proxy.reset();
    const cpuBefore = cpuNow({ chain, bundler, proxy });
    const send = await sendOperations({ rpcUrl: bundler.rpcUrl, entryPoint: entryPoint.address, operations, concurrency });
    const cpuAfter = cpuNow({ chain, bundler, proxy });
    const admissionCpu = Object.fromEntries(Object.keys(cpuBefore).map((k) => [k, cpuAfter[k] - cpuBefore[k]]));
    const admissionCounts = await proxy.stats();
    const acceptedHashes = send.results.filter((r) => r.accepted).map((r) => r.userOpHash);
    await watcher.until(acceptedHashes, inclusionTimeoutSeconds * 1000);
    const totalCounts = await proxy.stats();
    return summarise({ send, inclusions: watcher.seen, admissionCounts, totalCounts, admissionCpu, expected });
  } finally {
    await watcher.stop();
  }
}

/**
 * Sends `probes` to our bundler one at a time until a round is answered as `expected` with no node
 * request at all (a round that meets the bundler's block polling is repeated), or fails: a flood
 * our bundler sends to simulation would measure nothing.
 */
async function confirmRefusedInMemory({ bundler, proxy, entryPoint, probes, expected, timeoutMs = 20_000 }) {
  const deadline = Date.now() + timeoutMs;
  for (let round = 1; ; round++) {
    await proxy.reset();
    const { results } = await sendOperations({ rpcUrl: bundler.rpcUrl, entryPoint: entryPoint.address, operations: probes, concurrency: 1 });
    const counts = await proxy.stats();
    const unexpected = results.filter((r) => !expected(r));
    if (!unexpected.length && counts.calls === 0) return round;
    if (Date.now() > deadline) {
      throw new Error(`our bundler does not refuse the flood in memory: in the last round of ${probes.length} probes, `
        + `${unexpected.length} were not refused as expected (first: ${unexpected[0]?.errorCode} ${unexpected[0]?.errorMessage}), `
        + `with ${counts.calls} node calls (${JSON.stringify(counts.byMethod)})`);
    }
    await sleep(500);
  }
}

/**
 * One start of one bundler: prepares its warm-up and measured operations, starts it behind a fresh
 * proxy, counts its idle node requests, warms it up, measures at `concurrency`, and stops it.
 */
async function session(name, run, concurrency, context) {
  const { settings, chain, entryPoint } = context;
  const shape = SHAPES[settings.shape];
  const expected = (result) => shape.answer.expected(result, name);
  const sessionName = `${name}-run${run}-c${concurrency}`;
  log(`${sessionName}: preparing ${settings.warmup} warm-up and ${settings.n} measured operations`);
  // one set for both, so the chain's preparation blocks are shared
  const staged = await shape.prepare(chain.client, entryPoint, settings.warmup + settings.n, settings);
  const { bundler, proxy } = await startBundler(name, { ...context, session: sessionName });
  try {
    const { operations: prepared, probes } = shape.afterStart
      ? await shape.afterStart(chain.client, entryPoint, staged) : { operations: staged, probes: [] };
    if (name === "ours" && probes.length) {
      const rounds = await confirmRefusedInMemory({ bundler, proxy, entryPoint, probes, expected });
      log(`${sessionName}: ${probes.length} probes refused as expected with no node request (round ${rounds})`);
    }
    const warmupOperations = prepared.slice(0, settings.warmup);
    const operations = prepared.slice(settings.warmup);
    let idle;
    if (settings.idleSeconds > 0) {
      await proxy.reset();
      await sleep(settings.idleSeconds * 1000);
      const counts = await proxy.stats();
      idle = { callsPerSecond: counts.calls / ((counts.now - counts.since) / 1000), byMethod: counts.byMethod };
    }
    if (warmupOperations.length) {
      const warm = await measure({ bundler, proxy, chain, entryPoint, operations: warmupOperations, concurrency: 8,
        inclusionTimeoutSeconds: settings.inclusionTimeoutSeconds, expected });
      if (warm.expected < warm.sent) log(`${sessionName}: warm-up only ${warm.expected}/${warm.sent} ${shape.answer.word}`);
    }
    const result = await measure({ bundler, proxy, chain, entryPoint, operations, concurrency,
      inclusionTimeoutSeconds: settings.inclusionTimeoutSeconds, expected });
    const errorText = Object.entries(result.errors).map(([code, e]) => `${code} x${e.count}`).join(", ");
    log(`${sessionName}: ${result.expected}/${result.sent} ${shape.answer.word}, ${result.opsPerSecond.toFixed(1)} ops/s, `
      + `p50 ${result.latencyMs.p50?.toFixed(1)} ms, p99 ${result.latencyMs.p99?.toFixed(1)} ms, `
      + `${result.inclusion.included} included, ${result.node.admissionCalls} node calls admitting `
      + `(${result.node.admissionCallsPerOp?.toFixed(4)}/op), ${result.node.totalCallsPerOp?.toFixed(4)}/op in all, `
      + `load ${os.loadavg()[0].toFixed(1)}${errorText ? `; errors: ${errorText}` : ""}`);
    // other work on the machine skews both bundlers' figures; the 1-minute load average shows how much
    return { bundler: name, run, concurrency, idle, loadAverage: os.loadavg()[0], ...result };
  } finally {
    await bundler.process.stop();
    await proxy.process.stop();
    const left = await clearPool(chain);
    if (left) log(`${sessionName}: dropped ${left} transaction(s) left in anvil's pool`);
  }
}

/**
 * Empties anvil's pool once a bundler has stopped; returns how many transactions it held. A
 * bundle transaction left pending (anvil 1.7.1 on a loaded machine at times leaves a ready
 * transaction unmined for many blocks) would otherwise hold back every later transaction of the
 * same sender: the next start of that bundler, whose nonce comes after it, or the preparation.
 */
async function clearPool(chain) {
  const { pending, queued } = await chain.client.request({ method: "txpool_status" });
  const held = Number(pending) + Number(queued);
  if (held) await chain.client.request({ method: "anvil_dropAllTransactions" });
  return held;
}

async function main() {
  const settings = options();
  settings.stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  settings.command = `node bench/load/run.mjs ${process.argv.slice(2).join(" ")}`.trim();
  mkdirSync(settings.out, { recursive: true });
  const workDir = mkdtempSync(path.join(os.tmpdir(), "seed-load-"));
  log(`work directory (logs) ${workDir}`);
  let chain;
  let succeeded = false;
  try {
    const jar = settings.bundlers.includes("ours") ? snapshotJar(settings.jar, workDir) : undefined;
    chain = await startAnvil({ blockTimeSeconds: settings.blockTimeSeconds, logFile: path.join(workDir, "anvil.log") });
    const deployed = await deployEntryPoints(chain.client);
    const entryPoints = Object.values(deployed).map((d) => d.entryPoint);
    const entryPoint = { address: deployed[settings.entryPointVersion].entryPoint, version: settings.entryPointVersion };
    await SHAPES[settings.shape].setup(chain.client, entryPoint);
    log(`anvil at ${chain.url}, EntryPoints ${entryPoints.join(", ")}`);
    const context = { settings, chain, entryPoint, entryPoints, workDir, jar };
    const measurements = [];
    // The two bundlers take turns at each concurrency, a fresh start each, so the pair measured
    // back to back shares whatever else the machine is doing; who goes first alternates.
    let turn = 0;
    try {
      for (let run = 1; run <= settings.runs; run++) {
        for (const concurrency of settings.concurrencies) {
          const order = turn++ % 2 ? [...settings.bundlers].reverse() : settings.bundlers;
          for (const name of order) measurements.push(await session(name, run, concurrency, context));
        }
      }
    } catch (error) {
      // what was measured before the failure still gets its report, marked as incomplete
      if (measurements.length) {
        settings.stoppedBy = String(error.message ?? error).split("\n")[0];
        const files = writeReport({ settings, environment: { ...environment(), jar }, measurements });
        log(`incomplete report: ${files.join(", ")}`);
      }
      throw error;
    }
    const files = writeReport({ settings, environment: { ...environment(), jar }, measurements });
    log(`report: ${files.join(", ")}`);
    const failed = measurements.filter((m) => m.expected < m.sent || m.inclusion.succeeded < m.accepted);
    if (settings.mode === "smoke" && failed.length) {
      throw new Error(`smoke: ${failed.length} measurement(s) had operations not answered as expected or not included`);
    }
    succeeded = true;
  } finally {
    if (chain) await chain.process.stop();
    if (succeeded && !settings.keepWork) rmSync(workDir, { recursive: true, force: true });
    else log(`logs kept in ${workDir}`);
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
