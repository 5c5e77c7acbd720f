// Child processes that cannot outlive the benchmark: each runs under a bash leash that kills it once
// this Node process is gone (even after a SIGKILL, which no exit handler sees), and every child still
// running is killed when the benchmark exits or is interrupted.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

// Starts the command in the background, forwards TERM/INT to it, and kills it when the watched
// parent disappears; exits with the command's status.
const LEASH = `
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit $?' TERM INT
while kill -0 "$LEASH_PARENT" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
  sleep 1 & wait $!
done
kill -KILL "$child" 2>/dev/null
wait "$child"
`;

// the e2e tests' helper (node built-ins only), so both pick loopback ports one way
export { freePort } from "../../../e2e/test/support/bundler.js";

const running = new Set();

function killAllNow() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  running.clear();
}

process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    killAllNow();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[signal]);
  });
}

/**
 * Starts `command args` on a leash, its output appended to `logFile`. `stop()` sends SIGTERM and,
 * after `graceMs`, SIGKILL to its whole process group.
 */
export function startProcess(name, command, args, { logFile, env, graceMs = 10_000 } = {}) {
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn("bash", ["-c", LEASH, "leash", command, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, ...env, LEASH_PARENT: String(process.pid) },
  });
  running.add(child);
  let output = "";
  const keep = (chunk) => {
    log.write(chunk);
    // the tail is enough to explain a failed start
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => {
    running.delete(child);
    log.end();
    resolve(code ?? signal);
  }));
  return {
    name,
    pid: child.pid,
    exited,
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Polls `probe` until it resolves truthy; fails when `child` exits first or after `timeoutMs`. */
export async function waitUntil(what, probe, { child, timeoutMs = 60_000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !child.isRunning()) {
      throw new Error(`${child.name} exited before ${what}:\n${child.output()}`);
    }
    try {
      if (await probe()) return;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} not within ${timeoutMs / 1000} s${child ? `:\n${child.output()}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
