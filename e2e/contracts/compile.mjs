// Builds the contract artifacts the Java chain tests deploy, into contracts/target/:
//   <dir>/<Contract>.json       our own Solidity (contracts/<dir>/*.sol, e.g. sessionkey/ and
//                               erc7562/) compiled with solc-js, each directory on its own
//   kernel/<Contract>.json      Kernel v3.1 and its factory: the creation code @rhinestone/modulekit
//                               ships as hex constants in KernelPrecompiles.sol
// Each artifact is {"abi": [...], "bytecode": "0x..."} (creation code). The Java tests run this
// script themselves; it does nothing when target/fingerprint matches its inputs. Test runs may
// call it at the same time, so every file is written whole under a temporary name and renamed
// into place, and nothing a reader may be using is deleted before its replacement is there.
//
//   node e2e/contracts/compile.mjs

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const solc = require("solc");
const targetDir = join(here, "target");
const kernelPrecompiles = join(
  dirname(require.resolve("@rhinestone/modulekit/package.json")),
  "src/deployment/precompiles/KernelPrecompiles.sol"
);
const KERNEL_CONSTANTS = { Kernel: "KERNEL_BYTECODE", KernelFactory: "KERNEL_FACTORY_BYTECODE" };

const solidityFiles = (dir) => readdirSync(join(here, dir)).filter((name) => name.endsWith(".sol")).sort();
const sourceDirs = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "target" && solidityFiles(entry.name).length > 0)
  .map((entry) => entry.name)
  .sort();
const sourcesByDir = Object.fromEntries(
  sourceDirs.map((dir) => [
    dir,
    Object.fromEntries(
      solidityFiles(dir).map((name) => [name, { content: readFileSync(join(here, dir, name), "utf8") }])
    )
  ])
);
const precompiles = readFileSync(kernelPrecompiles, "utf8");

const fingerprint = createHash("sha256")
  .update(solc.version())
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(JSON.stringify(sourcesByDir))
  .update(precompiles)
  .digest("hex");
const fingerprintFile = join(targetDir, "fingerprint");
if (existsSync(fingerprintFile) && readFileSync(fingerprintFile, "utf8") === fingerprint) {
  console.log(`contracts up to date in ${targetDir}`);
  process.exit(0);
}

// Written under a name of this process's own, then renamed: a reader sees the old or the new file.
const written = new Set();
const writeWhole = (path, content) => {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, path);
  written.add(path);
};

mkdirSync(join(targetDir, "kernel"), { recursive: true });

let compiled = 0;
for (const [dir, sources] of Object.entries(sourcesByDir)) {
  mkdirSync(join(targetDir, dir), { recursive: true });
  const input = {
    language: "Solidity",
    sources,
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } }
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((entry) => entry.severity === "error");
  if (errors.length > 0) {
    for (const error of errors) console.error(error.formattedMessage);
    process.exit(1);
  }
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, artifact] of Object.entries(contracts)) {
      const bytecode = artifact.evm.bytecode.object;
      if (bytecode.length === 0) continue; // interfaces
      writeWhole(
        join(targetDir, dir, `${name}.json`),
        JSON.stringify({ source: file, abi: artifact.abi, bytecode: `0x${bytecode}` }, null, 2)
      );
      compiled++;
    }
  }
}

for (const [name, constant] of Object.entries(KERNEL_CONSTANTS)) {
  const match = precompiles.match(new RegExp(`${constant}\\s*=\\s*hex"([0-9a-fA-F]+)"`));
  if (!match) {
    console.error(`${constant} not found in ${kernelPrecompiles}`);
    process.exit(1);
  }
  writeWhole(
    join(targetDir, "kernel", `${name}.json`),
    JSON.stringify({ source: "@rhinestone/modulekit KernelPrecompiles.sol", abi: [], bytecode: `0x${match[1]}` }, null, 2)
  );
}

// Artifacts of contracts that no longer exist go only once the new set is complete.
for (const entry of readdirSync(targetDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  for (const name of readdirSync(join(targetDir, entry.name))) {
    const path = join(targetDir, entry.name, name);
    if (name.endsWith(".json") && !written.has(path)) rmSync(path, { force: true });
  }
}
writeWhole(fingerprintFile, fingerprint);
console.log(`compiled ${compiled} contracts with solc ${solc.version()} and extracted Kernel v3.1 into ${targetDir}`);
