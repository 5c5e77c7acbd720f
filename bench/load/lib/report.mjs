// The report of one benchmark run: raw JSON, a Markdown summary (ours against Alto per
// concurrency, as ratios measured in the same run) and SVG charts.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT, javaBinary } from "./bundlers.mjs";
import { OPERATION_FEES } from "./ops.mjs";
import { SHAPES } from "./shapes.mjs";
import { median, spread } from "./stats.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const COLOURS = { ours: "#1f77b4", alto: "#d62728" };
const LABELS = { ours: "Seed bundler", alto: "Alto 0.0.20" };

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch {
    return "unknown";
  }
}

/** What the figures were measured on. */
export function environment() {
  const java = javaBinary();
  // java -version writes to stderr
  const javaVersion = spawnSync(java, ["-version"], { encoding: "utf8" }).stderr?.split("\n")[0] || "unknown";
  const versionOf = (pkg) => JSON.parse(readFileSync(path.join(here, "../node_modules", pkg, "package.json"), "utf8")).version;
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    java: javaVersion,
    anvil: versionOf("@foundry-rs/anvil-linux-amd64"),
    alto: versionOf("@pimlico/alto"),
    commit: `${tryRun("git", ["-C", REPO_ROOT, "rev-parse", "--short", "HEAD"])}${tryRun("git", ["-C", REPO_ROOT, "status", "--porcelain", "--untracked-files=no"]) ? " (work tree has uncommitted changes)" : ""}`,
  };
}

const fmt = (value, digits = 1) => (value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits));
const times = (value) => (value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(2)}×`);
// node calls per operation: a flood refused in memory makes a few polling calls over many thousand operations
const calls = (value) => (value === 0 ? "0" : value !== undefined && value > 0 && value < 0.01 ? value.toExponential(1) : fmt(value, 2));

/** Per bundler and concurrency, the figures over runs. */
function aggregate(measurements, settings) {
  const table = {};
  for (const bundler of settings.bundlers) {
    table[bundler] = {};
    for (const concurrency of settings.concurrencies) {
      const ms = measurements.filter((m) => m.bundler === bundler && m.concurrency === concurrency);
      if (!ms.length) continue;
      const errors = {};
      const examples = {};
      for (const m of ms) {
        for (const [code, e] of Object.entries(m.errors)) {
          errors[code] = (errors[code] ?? 0) + e.count;
          examples[code] ??= e.example;
        }
      }
      table[bundler][concurrency] = {
        throughput: spread(ms.map((m) => m.opsPerSecond)),
        p50: median(ms.map((m) => m.latencyMs.p50)),
        p90: median(ms.map((m) => m.latencyMs.p90)),
        p99: spread(ms.map((m) => m.latencyMs.p99)),
        inclusionP50: median(ms.map((m) => m.inclusion.ms.p50)),
        inclusionP99: median(ms.map((m) => m.inclusion.ms.p99)),
        allIncluded: median(ms.map((m) => m.inclusion.allIncludedSeconds)),
        admissionCalls: median(ms.map((m) => m.node.admissionCallsPerOp)),
        admissionCallsSpread: spread(ms.map((m) => m.node.admissionCallsPerOp)),
        totalCalls: median(ms.map((m) => m.node.totalCallsPerOp)),
        sent: ms.reduce((s, m) => s + m.sent, 0),
        accepted: ms.reduce((s, m) => s + m.accepted, 0),
        expected: ms.reduce((s, m) => s + m.expected, 0),
        included: ms.reduce((s, m) => s + m.inclusion.included, 0),
        succeeded: ms.reduce((s, m) => s + m.inclusion.succeeded, 0),
        blocks: median(ms.map((m) => m.inclusion.blocks)),
        errors,
        examples,
        idle: median(ms.map((m) => m.idle?.callsPerSecond)),
        loadAverage: median(ms.map((m) => m.loadAverage)),
        nodeMs: median(ms.map((m) => m.node.admissionNodeMsPerOp)),
        kibSent: median(ms.map((m) => m.node.admissionKiBSentPerOp)),
        kibReceived: median(ms.map((m) => m.node.admissionKiBReceivedPerOp)),
        cpuMs: Object.fromEntries(["bundler", "anvil", "proxy", "generator"].map((part) =>
          [part, median(ms.map((m) => m.cpu.msPerOp[part]))])),
        coresBusy: median(ms.map((m) => m.cpu.coresBusy)),
        admissionByMethod: mergeMethods(ms.map((m) => m.node.admissionByMethod), ms.map((m) => m.expected)),
      };
    }
  }
  return table;
}

/** Calls per operation answered as expected, by method, pooled over runs. */
function mergeMethods(maps, answered) {
  const total = answered.reduce((a, b) => a + b, 0);
  const merged = {};
  for (const map of maps) for (const [method, count] of Object.entries(map)) merged[method] = (merged[method] ?? 0) + count;
  return Object.fromEntries(Object.entries(merged).sort((a, b) => b[1] - a[1]).map(([m, c]) => [m, total ? c / total : 0]));
}

/** Ours over Alto per run at concurrency `c`, for operations per second and p99. */
function pairRatios(measurements, c) {
  const throughput = [];
  const p99 = [];
  for (const mine of measurements.filter((m) => m.bundler === "ours" && m.concurrency === c)) {
    const theirs = measurements.find((m) => m.bundler === "alto" && m.concurrency === c && m.run === mine.run);
    if (!theirs) continue;
    throughput.push(mine.opsPerSecond / theirs.opsPerSecond);
    if (mine.latencyMs.p99 && theirs.latencyMs.p99) p99.push(mine.latencyMs.p99 / theirs.latencyMs.p99);
  }
  return { throughput: spread(throughput), p99: spread(p99) };
}

function markdown({ settings, environment, table, measurements, chartFiles }) {
  const [ours, alto] = ["ours", "alto"].map((b) => table[b]);
  const lines = [];
  lines.push(`# Load benchmark ${settings.stamp}: ${settings.shape} operations`, "");
  lines.push(`Command: \`${settings.command}\` (mode ${settings.mode}, shape ${settings.shape})`, "");
  if (settings.stoppedBy) {
    lines.push(`**Incomplete:** the run stopped after ${measurements.length} measurement(s): ${settings.stoppedBy}`, "");
  }
  const shape = SHAPES[settings.shape];
  const { word } = shape.answer;
  const gas = shape.gas(settings);
  lines.push(`${settings.n} operations per measurement, each ${shape.description(settings)}; on EntryPoint v${settings.entryPointVersion}, `
    + `fixed gas ${gas.verificationGasLimit}/${gas.callGasLimit}/${gas.preVerificationGas} verification/call/preVerification, `
    + `tip ${OPERATION_FEES.maxPriorityFeePerGas} wei, fee cap ${OPERATION_FEES.maxFeePerGas} wei; `
    + `${settings.runs} run(s) per concurrency and bundler, each a fresh start of the bundler with ${settings.warmup} warm-up operations `
    + "(at C=8) before the measured ones; the two bundlers take turns at each concurrency, never at once. "
    + `anvil ${environment.anvil} ${settings.blockTimeSeconds ? `with a ${settings.blockTimeSeconds} s block time` : "on automine"}; `
    + `our bundler with --unsafe --poll-interval-ms ${settings.pollIntervalMs} ${settings.oursArgs.join(" ")}; `
    + `Alto ${environment.alto} with --safe-mode false ${settings.altoArgs.join(" ")}.`, "");
  lines.push(`Machine: ${environment.cores} × ${environment.cpu}, ${environment.memoryGiB} GiB; Node ${environment.node}; `
    + `${environment.java}; commit ${environment.commit}`
    + `${environment.jar ? `; bundler.jar built ${environment.jar.built}, sha256 ${environment.jar.sha256.slice(0, 12)}` : ""}.`, "");
  if (ours && alto) {
    lines.push("## Ours against Alto, measured in the same run", "");
    lines.push("Each ratio pairs the two bundlers' measurements of one run at one concurrency, taken back to back; "
      + "the table gives the median ratio and the spread (min–max) over the runs.", "");
    lines.push(`| C | ${word}/s ours (median, min–max) | ${word}/s Alto | throughput ratio ours/Alto (min–max) | p99 ms ours / Alto | p99 ratio (min–max) | node calls per ${word} op admitting, ours / Alto | machine load ours / Alto |`);
    lines.push("| ---: | --- | --- | --- | --- | --- | --- | --- |");
    for (const c of settings.concurrencies) {
      const o = ours[c];
      const a = alto[c];
      if (!o || !a) continue;
      const pairs = pairRatios(measurements, c);
      lines.push(`| ${c} | ${fmt(o.throughput.median)} (${fmt(o.throughput.min)}–${fmt(o.throughput.max)}) | `
        + `${fmt(a.throughput.median)} (${fmt(a.throughput.min)}–${fmt(a.throughput.max)}) | `
        + `${times(pairs.throughput.median)} (${times(pairs.throughput.min)}–${times(pairs.throughput.max)}) | `
        + `${fmt(o.p99.median)} / ${fmt(a.p99.median)} | ${times(pairs.p99.median)} (${times(pairs.p99.min)}–${times(pairs.p99.max)}) | `
        + `${calls(o.admissionCalls)} / ${calls(a.admissionCalls)} | ${fmt(o.loadAverage, 1)} / ${fmt(a.loadAverage, 1)} |`);
    }
    lines.push("", `Throughput ratio > 1 and p99 ratio < 1 favour ours. Goal (issue 5): ${shape.answer.goal}.`, "");
  }
  lines.push(`![throughput against concurrency](${chartFiles.throughput})`, "");
  lines.push(`![p99 latency against concurrency](${chartFiles.p99})`, "");
  lines.push("## Every figure (medians over runs)", "");
  lines.push(`| bundler | C | ${word}/s (min–max) | p50 ms | p90 ms | p99 ms | ${word} / sent | included (succeeded) | blocks holding them | inclusion p50 / p99 s | all mined after s | node calls/op admitting (min–max) | node calls/op in all | idle node calls/s | machine load | errors |`);
  lines.push("| --- | ---: | --- | ---: | ---: | ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const bundler of settings.bundlers) {
    for (const c of settings.concurrencies) {
      const r = table[bundler]?.[c];
      if (!r) continue;
      const errors = Object.entries(r.errors).map(([code, count]) => `${code}: ${count}`).join(", ") || "none";
      lines.push(`| ${LABELS[bundler]} | ${c} | ${fmt(r.throughput.median)} (${fmt(r.throughput.min)}–${fmt(r.throughput.max)}) | `
        + `${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99.median)} | ${r.expected} / ${r.sent} | ${r.included} (${r.succeeded}) | ${fmt(r.blocks, 0)} | `
        + `${fmt(r.inclusionP50 / 1000, 2)} / ${fmt(r.inclusionP99 / 1000, 2)} | ${fmt(r.allIncluded, 1)} | ${calls(r.admissionCalls)} `
        + `(${calls(r.admissionCallsSpread.min)}–${calls(r.admissionCallsSpread.max)}) | `
        + `${calls(r.totalCalls)} | ${fmt(r.idle, 1)} | ${fmt(r.loadAverage, 1)} | ${errors} |`);
    }
  }
  lines.push("", "## Answers other than a userOpHash (pooled over runs)", "");
  for (const bundler of settings.bundlers) {
    lines.push(`- ${LABELS[bundler]} is expected to answer ${shape.answer.rule(bundler)}.`);
    for (const c of settings.concurrencies) {
      const r = table[bundler]?.[c];
      if (!r) continue;
      const seen = Object.entries(r.errors).map(([code, count]) => `${code} ×${count} (e.g. "${r.examples[code]}")`).join("; ");
      lines.push(`  - C=${c}: ${r.expected} of ${r.sent} answered as expected; ${seen || "no errors"}`);
    }
  }
  lines.push("", `## Node calls per ${word} operation while admitting, by method (pooled over runs)`, "");
  for (const bundler of settings.bundlers) {
    for (const c of settings.concurrencies) {
      const r = table[bundler]?.[c];
      if (!r) continue;
      const methods = Object.entries(r.admissionByMethod).map(([m, v]) => `${m} ${calls(v)}`).join(", ");
      lines.push(`- ${LABELS[bundler]}, C=${c}: ${methods || "none"}`);
    }
  }
  lines.push("", "## Where the time goes while admitting (medians over runs)", "");
  lines.push(`| bundler | C | node answer time per ${word} op (ms) | KiB to / from the node per ${word} op | CPU ms per ${word} op: bundler | anvil | proxy | generator | cores busy (of ${environment.cores}) |`);
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const bundler of settings.bundlers) {
    for (const c of settings.concurrencies) {
      const r = table[bundler]?.[c];
      if (!r) continue;
      lines.push(`| ${LABELS[bundler]} | ${c} | ${fmt(r.nodeMs, 2)} | ${fmt(r.kibSent, 1)} / ${fmt(r.kibReceived, 1)} | ${fmt(r.cpuMs.bundler, 2)} | ${fmt(r.cpuMs.anvil, 2)} | `
        + `${fmt(r.cpuMs.proxy, 2)} | ${fmt(r.cpuMs.generator, 2)} | ${fmt(r.coresBusy, 2)} |`);
    }
  }
  lines.push("", "## How to read it", "");
  lines.push(`- *${word}/s*: operations answered as expected (${settings.bundlers.map((b) => `${LABELS[b]}: ${shape.answer.rule(b)}`).join("; ")}), divided by the time from the first request to the last answer; every figure "per op" counts these operations.`);
  lines.push(`- *p50/p90/p99*: latency of the ${word} eth_sendUserOperation requests, per run; the table gives the median over runs.`);
  lines.push("- *inclusion*: from sending an operation until its UserOperationEvent was seen on the chain (polled every 100 ms, straight from anvil).");
  lines.push("- *node calls*: JSON-RPC calls the bundler made to anvil through its own counting proxy (a batch counts each entry). "
    + "*admitting* counts from the first send to the last answer (validation, plus whatever bundling ran meanwhile); *in all* until every accepted operation was mined, "
    + "so it includes bundling, receipts and idle polling; *idle* is the rate with no load.");
  lines.push(`- *node answer time*: the time anvil took to answer the bundler's calls (measured at the proxy, summed over concurrent calls, a batch's time shared among its calls), per ${word} operation.`);
  lines.push(`- *CPU ms per ${word} op*: CPU time (user + system, from /proc) of each process group between the first send and the last answer, per ${word} operation. *cores busy*: their sum over the wall time; near the core count means the machine, not the bundler, set the pace.`);
  lines.push(`- *machine load*: the 1-minute load average at the end of each measurement (median); on this ${environment.cores}-core machine anything above what anvil, the bundler and the generator use themselves is other work that slows both bundlers.`);
  lines.push("- Raw data: the JSON file of the same name.");
  return `${lines.join("\n")}\n`;
}

/** An SVG line chart of one figure against concurrency, median with a min–max bar per point. */
function chart({ title, yLabel, settings, table, figure }) {
  const width = 640;
  const height = 400;
  const margin = { left: 70, right: 150, top: 40, bottom: 50 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const cs = settings.concurrencies;
  const points = {};
  let top = 0;
  for (const bundler of settings.bundlers) {
    points[bundler] = cs.map((c) => (table[bundler]?.[c] ? figure(table[bundler][c]) : undefined));
    for (const p of points[bundler]) if (p) top = Math.max(top, p.max ?? p.median);
  }
  const yMax = niceCeiling(top || 1);
  const x = (i) => margin.left + (cs.length === 1 ? plotW / 2 : (i * plotW) / (cs.length - 1));
  const y = (v) => margin.top + plotH - (v / yMax) * plotH;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${title}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (yMax * i) / 5;
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y(v) + 4}" text-anchor="end">${yMax >= 10 ? v.toFixed(0) : v.toFixed(2)}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="black"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="black"/>`);
  cs.forEach((c, i) => parts.push(`<text x="${x(i)}" y="${margin.top + plotH + 20}" text-anchor="middle">${c}</text>`));
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">concurrent clients (C)</text>`);
  parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`);
  settings.bundlers.forEach((bundler, b) => {
    const colour = COLOURS[bundler];
    const present = points[bundler].map((p, i) => [p, i]).filter(([p]) => p);
    if (present.length > 1) {
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${present.map(([p, i]) => `${x(i)},${y(p.median)}`).join(" ")}"/>`);
    }
    for (const [p, i] of present) {
      if (p.min !== undefined) {
        parts.push(`<line x1="${x(i)}" x2="${x(i)}" y1="${y(p.min)}" y2="${y(p.max)}" stroke="${colour}"/>`);
        for (const v of [p.min, p.max]) parts.push(`<line x1="${x(i) - 5}" x2="${x(i) + 5}" y1="${y(v)}" y2="${y(v)}" stroke="${colour}"/>`);
      }
      parts.push(`<circle cx="${x(i)}" cy="${y(p.median)}" r="4" fill="${colour}"/>`);
      // the last point's label goes to its left, clear of the legend
      const last = i === cs.length - 1 && cs.length > 1;
      parts.push(`<text x="${x(i) + (last ? -8 : 8)}" y="${y(p.median) - 6}" text-anchor="${last ? "end" : "start"}" fill="${colour}">${formatTick(p.median)}</text>`);
    }
    const ly = margin.top + 10 + b * 20;
    parts.push(`<rect x="${margin.left + plotW + 15}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${margin.left + plotW + 33}" y="${ly + 1}">${LABELS[bundler]}</text>`);
  });
  parts.push(`<text x="${margin.left + plotW + 15}" y="${margin.top + 60}" fill="#555">dot: median</text>`);
  parts.push(`<text x="${margin.left + plotW + 15}" y="${margin.top + 76}" fill="#555">bar: min–max</text>`);
  parts.push(`<text x="${margin.left + plotW + 15}" y="${margin.top + 92}" fill="#555">over ${settings.runs} run(s)</text>`);
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}

function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value * 1.05) return step * magnitude;
  return 10 * magnitude;
}

function formatTick(value) {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Writes `<stamp>.json`, `<stamp>.md` and the charts into settings.out; returns their paths. */
export function writeReport({ settings, environment, measurements }) {
  mkdirSync(settings.out, { recursive: true });
  const table = aggregate(measurements, settings);
  const base = path.join(settings.out, settings.stamp);
  const chartFiles = { throughput: `${settings.stamp}-throughput.svg`, p99: `${settings.stamp}-p99.svg` };
  const { word } = SHAPES[settings.shape].answer;
  writeFileSync(path.join(settings.out, chartFiles.throughput), chart({ title: `Operations ${word} per second`,
    yLabel: `${word} ops/s`, settings, table, figure: (r) => r.throughput }));
  writeFileSync(path.join(settings.out, chartFiles.p99), chart({ title: "p99 latency of eth_sendUserOperation",
    yLabel: "p99 latency (ms)", settings, table, figure: (r) => r.p99 }));
  // the paired ratios as the Markdown gives them, for readers of the JSON (the validation report)
  const ratios = Object.fromEntries(settings.concurrencies.map((c) => [c, pairRatios(measurements, c)]));
  writeFileSync(`${base}.json`, `${JSON.stringify({ settings, environment, summary: table, ratios, measurements }, null, 1)}\n`);
  writeFileSync(`${base}.md`, markdown({ settings, environment, table, measurements, chartFiles }));
  return [`${base}.md`, `${base}.json`, ...Object.values(chartFiles).map((f) => path.join(settings.out, f))];
}
