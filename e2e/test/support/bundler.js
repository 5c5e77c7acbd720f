// Starts the real bundler in dev mode (its own anvil, EntryPoints deployed) and stops it afterwards.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function javaBinary() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
}

/** Starts `bundler dev` on free ports; resolves once GET /health answers 200. */
export async function startDevBundler({ extraArgs = [] } = {}) {
  const port = await freePort();
  const nodePort = await freePort();
  const bundler = await launch(["dev", "--port", String(port), "--node-port", String(nodePort),
    "--e2e-dir", e2eDir, ...extraArgs], port);
  return { ...bundler, nodeUrl: `http://127.0.0.1:${nodePort}` };
}

/**
 * Starts `bundler run` against a node the caller owns (see chain.js), on a free port; resolves
 * once GET /health answers 200. `kill()` ends it with SIGKILL, as a crash would.
 */
export async function startBundler({ nodeUrl, entryPoints, signerKeyFile, extraArgs = [] }) {
  const port = await freePort();
  const bundler = await launch(["run", "--port", String(port), "--node-url", nodeUrl,
    "--entrypoints", entryPoints.join(","), "--signer-key-file", signerKeyFile, ...extraArgs], port);
  return { ...bundler, nodeUrl };
}

async function launch(bundlerArgs, port) {
  const jar = process.env.BUNDLER_JAR ?? path.resolve(e2eDir, "../rpc/target/bundler.jar");
  const child = spawn(javaBinary(), ["-jar", jar, ...bundlerArgs], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on("exit", resolve));

  const rpcUrl = `http://127.0.0.1:${port}/rpc`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`bundler exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`bundler not ready within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    rpcUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

/** A raw JSON-RPC call that returns the whole response object (result or error). */
export async function rpc(url, method, params = []) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return response.json();
}
