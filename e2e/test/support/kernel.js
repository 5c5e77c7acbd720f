// ZeroDev Kernel v3.1 on a chain the test owns (chain.js), at the addresses the ZeroDev SDK reads
// from its own constants: the Kernel implementation and factory (creation code from
// @rhinestone/modulekit), the meta factory the SDK deploys accounts through by default, and our own
// ECDSA root validator, ECDSASigner and policies (contracts/sessionkey/*.sol), all compiled by
// contracts/compile.mjs. Every contract is placed with anvil_setCode: Kernel's runtime code is over
// the EIP-170 limit, and the others must sit at fixed addresses no deployment would give them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { concatHex, encodeAbiParameters, erc20Abi, slice } from "viem";
import { constants, createKernelAccount } from "@zerodev/sdk";
import { getValidatorAddress, signerToEcdsaValidator } from "@zerodev/ecdsa-validator";
import {
  CALL_POLICY_CONTRACT_V0_0_5, ECDSA_SIGNER_CONTRACT, GAS_POLICY_CONTRACT, RATE_LIMIT_POLICY_CONTRACT,
  SUDO_POLICY_CONTRACT, TIMESTAMP_POLICY_CONTRACT, toPermissionValidator,
} from "@zerodev/permissions";
import { CallPolicyVersion, ParamCondition, toCallPolicy, toTimestampPolicy } from "@zerodev/permissions/policies";
import { toECDSASigner } from "@zerodev/permissions/signers";

const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CONTRACTS = path.join(e2eDir, "contracts");

export const KERNEL_VERSION = constants.KERNEL_V3_1;
export const KERNEL_ADDRESSES = constants.KernelVersionToAddressesMap[KERNEL_VERSION];

// Kernel's ValidationMode and ValidationType, the nonce's two leading bytes: an operation under a
// permission (type 0x02) either installs it (mode 0x01, enable) or uses it installed (mode 0x00).
export const ENABLE_PERMISSION = "0x0102";
export const DEFAULT_PERMISSION = "0x0002";
// A permission's signature: this byte, then the signer's own (ECDSASigner: EIP-191 over the userOpHash).
const PERMISSION_SIGNATURE_PREFIX = "0xff";

// The modules the Java KernelChain places too, by artifact, at the SDK's addresses.
const MODULES = {
  "sessionkey/SessionKeyEcdsaSigner": ECDSA_SIGNER_CONTRACT,
  "sessionkey/SessionKeyCallPolicy": CALL_POLICY_CONTRACT_V0_0_5,
  "sessionkey/SessionKeyTimestampPolicy": TIMESTAMP_POLICY_CONTRACT,
  "sessionkey/SessionKeySudoPolicy": SUDO_POLICY_CONTRACT,
  "sessionkey/SessionKeyGasPolicy": GAS_POLICY_CONTRACT,
  "sessionkey/SessionKeyRateLimitPolicy": RATE_LIMIT_POLICY_CONTRACT,
};

// Catches the code Kernel's constructor returns (immutables filled in) at the outermost frame,
// before the EIP-170 size check refuses it; `fault` keeps that refusal from failing the trace.
const RETURNED_CODE_TRACER = "{ code: null, step: function(log) {"
  + " if (log.getDepth() == 1 && log.op.toString() == 'RETURN') {"
  + " var offset = log.stack.peek(0).valueOf(); var length = log.stack.peek(1).valueOf();"
  + " this.code = toHex(log.memory.slice(offset, offset + length)); } },"
  + " fault: function() {}, result: function() { return this.code; } }";

function nonceBytes(nonce, start, end) {
  return slice(`0x${nonce.toString(16).padStart(64, "0")}`, start, end);
}

/** The ValidationMode and ValidationType of a Kernel nonce (ENABLE_PERMISSION, DEFAULT_PERMISSION, ...). */
export function nonceMode(nonce) {
  return nonceBytes(nonce, 0, 2);
}

/** The permission id a Kernel nonce of type 0x02 names. */
export function noncePermission(nonce) {
  return nonceBytes(nonce, 2, 6);
}

/**
 * What a permission operation carries as its signature when the ECDSASigner's key is `signer`
 * (a viem account) and its userOpHash is `userOpHash`, as the SDK signs it.
 */
export async function permissionSignature(signer, userOpHash) {
  return concatHex([PERMISSION_SIGNATURE_PREFIX, await signer.signMessage({ message: { raw: userOpHash } })]);
}

/** Runs contracts/compile.mjs, which does nothing when its fingerprinted output is current. */
export function compileContracts() {
  execFileSync(process.execPath, [path.join(CONTRACTS, "compile.mjs")], { stdio: "pipe" });
}

function artifact(name) {
  return JSON.parse(readFileSync(path.join(CONTRACTS, "target", `${name}.json`), "utf8"));
}

function withAddressArgument(code, address) {
  return concatHex([code, encodeAbiParameters([{ type: "address" }], [address])]);
}

async function setCode(client, address, code) {
  if (!code || code === "0x") throw new Error(`no runtime code for ${address}`);
  await client.request({ method: "anvil_setCode", params: [address, code] });
}

/** Runs `creationCode` in an eth_call and puts the runtime code it returns at `address`. */
async function place(client, address, creationCode) {
  const runtime = await client.request({ method: "eth_call", params: [{ data: creationCode }, "latest"] });
  await setCode(client, address, runtime);
}

/**
 * Puts the compiled contract `name` (e.g. "sessionkey/TestToken") at `address`; its constructor
 * runs only to produce runtime code, so it must take no arguments and write no storage.
 */
export async function install(client, address, name) {
  await place(client, address, artifact(name).bytecode);
}

/**
 * Compiles the contracts if needed and puts Kernel v3.1, its factory, the meta factory, the ECDSA
 * root validator, the ECDSASigner and the policies where the SDK expects them, for `entryPoint`
 * ({ address, version: "0.7" }).
 */
export async function deployKernel(client, entryPoint) {
  compileContracts();
  const kernel = await client.request({
    method: "debug_traceCall",
    params: [{ data: withAddressArgument(artifact("kernel/Kernel").bytecode, entryPoint.address), gas: "0x1c9c380" },
      "latest", { tracer: RETURNED_CODE_TRACER }],
  });
  await setCode(client, KERNEL_ADDRESSES.accountImplementationAddress, kernel);
  await place(client, KERNEL_ADDRESSES.factoryAddress,
    withAddressArgument(artifact("kernel/KernelFactory").bytecode, KERNEL_ADDRESSES.accountImplementationAddress));
  await place(client, KERNEL_ADDRESSES.metaFactoryAddress,
    withAddressArgument(artifact("sessionkey/KernelMetaFactory").bytecode, KERNEL_ADDRESSES.factoryAddress));
  await install(client, getValidatorAddress(entryPoint, KERNEL_VERSION), "sessionkey/OwnerEcdsaValidator");
  for (const [name, address] of Object.entries(MODULES)) {
    await install(client, address, name);
  }
}

/**
 * The Kernel v3.1 account of `owner` (ECDSA root validator) as the SDK builds it for `entryPoint`
 * with a permission for `sessionKey`: it may call `token`'s `transfer` for at most `limit`
 * (CallPolicy 0.0.5) within [validAfter, validUntil] (TimestampPolicy). The account's address
 * depends on the owner alone; until the permission is installed on chain, the SDK signs in enable
 * mode, installing it. Returns the SDK account and the permission's identifier.
 */
export async function tokenTransferSession(client, { entryPoint, owner, sessionKey, token, limit, validAfter, validUntil }) {
  const sudo = await signerToEcdsaValidator(client, { signer: owner, entryPoint, kernelVersion: KERNEL_VERSION });
  const regular = await toPermissionValidator(client, {
    entryPoint,
    kernelVersion: KERNEL_VERSION,
    signer: await toECDSASigner({ signer: sessionKey }),
    policies: [
      toCallPolicy({
        policyVersion: CallPolicyVersion.V0_0_5,
        permissions: [{
          target: token, abi: erc20Abi, functionName: "transfer",
          args: [null, { condition: ParamCondition.LESS_THAN_OR_EQUAL, value: limit }],
        }],
      }),
      toTimestampPolicy({ validAfter, validUntil }),
    ],
  });
  const account = await createKernelAccount(client, { entryPoint, kernelVersion: KERNEL_VERSION, plugins: { sudo, regular } });
  return { account, permissionId: regular.getIdentifier() };
}
