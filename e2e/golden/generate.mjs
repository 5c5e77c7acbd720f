// Writes the session-key golden vectors the Java decoders are tested against, built with the
// real SDK encoders (@zerodev/permissions, @zerodev/sdk, @rhinestone/module-sdk, solady's LibZip).
// Fixed keys and inputs, no chain, no clock: running it twice gives the same bytes.
//
//   node e2e/golden/generate.mjs [outputDir]
//
// outputDir defaults to bundler-core/src/test/resources/sessionkey/golden.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  concat,
  encodeAbiParameters,
  encodeFunctionData,
  keccak256,
  pad,
  parseAbi,
  toFunctionSelector,
  toHex,
  zeroAddress
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getUserOperationHash } from "viem/account-abstraction";
import {
  encodeCallDataEpV07,
  getEncodedPluginsData,
  getPluginsEnableTypedData
} from "@zerodev/sdk";
import { toPermissionValidator } from "@zerodev/permissions";
import {
  CallPolicyVersion,
  ParamCondition,
  toCallPolicy,
  toGasPolicy,
  toRateLimitPolicy,
  toSudoPolicy,
  toTimestampPolicy
} from "@zerodev/permissions/policies";
import { toECDSASigner } from "@zerodev/permissions/signers";
import {
  SmartSessionMode,
  encodeSmartSessionSignature,
  encodeValidatorNonce,
  getAccount,
  getOwnableValidator,
  getPermissionId,
  getSpendingLimitsPolicy,
  getSudoPolicy,
  getTimeFramePolicy,
  getUniversalActionPolicy,
  getUsageLimitPolicy,
  getValueLimitPolicy,
  SMART_SESSIONS_ADDRESS
} from "@rhinestone/module-sdk";
import { LibZip } from "solady";

const here = dirname(fileURLToPath(import.meta.url));
const outputDir = resolve(
  process.argv[2] ?? join(here, "../../bundler-core/src/test/resources/sessionkey/golden")
);

const CHAIN_ID = 31337;
const ENTRY_POINT = "0x0000000071727De22E5E9d8BAf0edAc6f37da032";
const ACCOUNT = "0x1111111111111111111111111111111111111111";
const TOKEN = "0x2222222222222222222222222222222222222222";
const RECIPIENT = "0x3333333333333333333333333333333333333333";
const OTHER = "0x4444444444444444444444444444444444444444";
const SESSION_KEY = privateKeyToAccount(
  "0x0123456789012345678901234567890123456789012345678901234567890123"
);
const WRONG_KEY = privateKeyToAccount(
  "0x9876543210987654321098765432109876543210987654321098765432109876"
);
const OWNER = privateKeyToAccount(
  "0x4c0883a69102937d6231471b5decb208baf6a1f6c8b6b3b7e0a2a3f1c3d4e5f6"
);
const ERC20 = parseAbi([
  "function transfer(address to, uint256 amount)",
  "function approve(address spender, uint256 amount)",
  "function setName(uint256 id, string name)"
]);
const GAS = {
  callGasLimit: 100000n,
  verificationGasLimit: 500000n,
  preVerificationGas: 50000n,
  maxFeePerGas: 1000000000n,
  maxPriorityFeePerGas: 1000000000n
};
// A client stand-in: the encoders only read the chain id from it.
const client = { chain: { id: CHAIN_ID } };
const entryPoint = { address: ENTRY_POINT, version: "0.7" };

const transfer = (to, amount) =>
  encodeFunctionData({ abi: ERC20, functionName: "transfer", args: [to, amount] });
const approve = (spender, amount) =>
  encodeFunctionData({ abi: ERC20, functionName: "approve", args: [spender, amount] });
// One call through Kernel v3 / ERC-7579 execute(bytes32,bytes), as the SDK encodes it.
const single = (to, value, data, callType) =>
  encodeCallDataEpV07([{ to, value, data }], callType);
const setName = (id, name) =>
  encodeFunctionData({ abi: ERC20, functionName: "setName", args: [id, name] });

function userOperation(nonce, callData, signature = "0x") {
  return { sender: ACCOUNT, nonce, callData, signature, ...GAS };
}

function hashOf(op) {
  return getUserOperationHash({
    userOperation: { ...op, signature: "0x" },
    entryPointAddress: ENTRY_POINT,
    entryPointVersion: "0.7",
    chainId: CHAIN_ID
  });
}

function wire(op) {
  return {
    sender: op.sender,
    nonce: toHex(op.nonce),
    callData: op.callData,
    callGasLimit: toHex(op.callGasLimit),
    verificationGasLimit: toHex(op.verificationGasLimit),
    preVerificationGas: toHex(op.preVerificationGas),
    maxFeePerGas: toHex(op.maxFeePerGas),
    maxPriorityFeePerGas: toHex(op.maxPriorityFeePerGas),
    signature: op.signature
  };
}

// Kernel v3: mode(1) ‖ type(1) ‖ permissionId padded right to 20 ‖ uint16 key, in 24 bytes.
function kernelNonce(mode, permissionId) {
  const key = pad(concat([mode, "0x02", pad(permissionId, { size: 20, dir: "right" }), "0x0000"]), {
    size: 24
  });
  return BigInt(key) << 64n;
}

async function kernelVectors() {
  const signer = await toECDSASigner({ signer: SESSION_KEY });
  const wrongSigner = await toECDSASigner({ signer: WRONG_KEY });
  const callPolicy = toCallPolicy({
    policyVersion: CallPolicyVersion.V0_0_5,
    permissions: [
      {
        target: TOKEN,
        abi: ERC20,
        functionName: "transfer",
        args: [
          { condition: ParamCondition.EQUAL, value: RECIPIENT },
          { condition: ParamCondition.LESS_THAN_OR_EQUAL, value: 1000000n }
        ]
      },
      {
        target: zeroAddress,
        abi: ERC20,
        functionName: "approve",
        args: [{ condition: ParamCondition.ONE_OF, value: [RECIPIENT, OTHER] }, null]
      },
      {
        target: TOKEN,
        abi: ERC20,
        functionName: "setName",
        args: [
          { condition: ParamCondition.NOT_EQUAL, value: 0n },
          { condition: ParamCondition.SLICE_EQUAL, start: 0, length: 5, value: "hello" }
        ]
      },
      { target: RECIPIENT, valueLimit: 10n ** 18n },
      { target: OTHER, callType: "0xff", selector: "0x12345678" }
    ]
  });
  const policies = [
    callPolicy,
    toTimestampPolicy({ validAfter: 1700000000, validUntil: 1900000000 }),
    toGasPolicy({ allowed: 10n ** 18n }),
    toRateLimitPolicy({ interval: 60, count: 5, startAt: 1700000000 }),
    toSudoPolicy({})
  ];
  const validator = await toPermissionValidator(client, { signer, policies, entryPoint });
  const wrong = await toPermissionValidator(client, { signer: wrongSigner, policies, entryPoint });
  const permissionId = validator.getIdentifier();
  const validatorData = await validator.getEnableData(ACCOUNT);

  const calls = [
    { name: "transfer within limit", expect: "PASS",
      callData: await single(TOKEN, 0n, transfer(RECIPIENT, 1000000n)) },
    { name: "transfer over limit", expect: "REJECT:argument 1 must be <= 1000000",
      callData: await single(TOKEN, 0n, transfer(RECIPIENT, 1000001n)) },
    { name: "transfer to another recipient", expect: "REJECT:argument 0 must be == ",
      callData: await single(TOKEN, 0n, transfer(OTHER, 1n)) },
    { name: "approve on any token", expect: "PASS",
      callData: await single(OTHER, 0n, approve(OTHER, 5n)) },
    { name: "approve to a stranger", expect: "REJECT:argument 0 must be one of",
      callData: await single(OTHER, 0n, approve(TOKEN, 5n)) },
    { name: "batch with one call out of scope", expect: "REJECT:call 1 to ",
      callData: await encodeCallDataEpV07([
        { to: TOKEN, value: 0n, data: transfer(RECIPIENT, 1n) },
        { to: OTHER, value: 0n, data: transfer(RECIPIENT, 1n) }
      ]) },
    { name: "native transfer within value limit", expect: "PASS",
      callData: await single(RECIPIENT, 10n ** 18n, "0x") },
    { name: "native transfer over value limit", expect: "REJECT:value must be <= ",
      callData: await single(RECIPIENT, 10n ** 18n + 1n, "0x") },
    { name: "slice equal matches", expect: "PASS",
      callData: await single(TOKEN, 0n, setName(7n, "hello world")) },
    { name: "slice equal differs", expect: "REJECT:must hash to",
      callData: await single(TOKEN, 0n, setName(7n, "howdy world")) },
    { name: "delegatecall permitted", expect: "PASS",
      callData: await single(OTHER, 0n, "0x12345678", "delegatecall") },
    { name: "delegatecall to another selector", expect: "REJECT:not permitted by the call policy",
      callData: await single(OTHER, 0n, "0x12345679", "delegatecall") }
  ];

  const ops = [];
  for (const call of calls) {
    const op = userOperation(kernelNonce("0x00", permissionId), call.callData);
    ops.push({ name: call.name, expect: call.expect, mode: "use",
      userOperation: wire({ ...op, signature: await validator.signUserOperation(op) }),
      userOpHash: hashOf(op) });
  }

  const useOp = userOperation(kernelNonce("0x00", permissionId), calls[0].callData);
  ops.push({ name: "signed by another key", expect: "REJECT_SIGNATURE", mode: "use",
    userOperation: wire({ ...useOp, signature: await wrong.signUserOperation(useOp) }),
    userOpHash: hashOf(useOp) });

  // Enable mode: the owner approves the permission (EIP-712 Enable), the session key signs the op.
  const action = { selector: toFunctionSelector("execute(bytes32,bytes)"), address: zeroAddress };
  for (const [index, call] of [calls[0], calls[1]].entries()) {
    const op = userOperation(kernelNonce("0x01", permissionId), call.callData);
    const typedData = await getPluginsEnableTypedData({
      accountAddress: ACCOUNT,
      chainId: CHAIN_ID,
      kernelVersion: "0.3.1",
      action,
      validator,
      validatorNonce: 1
    });
    const enableSignature = await OWNER.signTypedData(typedData);
    const signature = await getEncodedPluginsData({
      enableSignature,
      userOpSignature: await validator.signUserOperation(op),
      action,
      enableData: validatorData
    });
    ops.push({ name: `enable mode, ${call.name}`, expect: index === 0 ? "PASS" : call.expect,
      mode: "enable", userOperation: wire({ ...op, signature }), userOpHash: hashOf(op) });
  }

  return {
    chainId: CHAIN_ID,
    entryPoint: ENTRY_POINT,
    account: ACCOUNT,
    sessionKey: SESSION_KEY.address,
    now: 1800000000,
    permissionId,
    validatorData,
    policies: {
      callPolicy: callPolicy.getPolicyInfoInBytes(),
      callPolicyData: callPolicy.getPolicyData(),
      timestamp: policies[1].getPolicyInfoInBytes(),
      gas: policies[2].getPolicyInfoInBytes(),
      rateLimit: policies[3].getPolicyInfoInBytes(),
      rateLimitData: policies[3].getPolicyData(),
      sudo: policies[4].getPolicyInfoInBytes()
    },
    operations: ops
  };
}

function smartSession(salt) {
  return {
    sessionValidator: getOwnableValidator({ threshold: 1, owners: [SESSION_KEY.address] }).address,
    sessionValidatorInitData: getOwnableValidator({ threshold: 1, owners: [SESSION_KEY.address] })
      .initData,
    salt,
    userOpPolicies: [
      getUsageLimitPolicy({ limit: 10n }),
      getTimeFramePolicy({ validUntil: 1900000000, validAfter: 1700000000 })
    ],
    erc7739Policies: { allowedERC7739Content: [], erc1271Policies: [] },
    actions: [
      {
        actionTarget: TOKEN,
        actionTargetSelector: toFunctionSelector("transfer(address,uint256)"),
        actionPolicies: [
          getUniversalActionPolicy({
            valueLimitPerUse: 0n,
            paramRules: {
              length: 2n,
              rules: [
                { condition: 0, offset: 0n, isLimited: false,
                  ref: pad(RECIPIENT, { size: 32 }), usage: { limit: 0n, used: 0n } },
                { condition: 6, offset: 32n, isLimited: true,
                  ref: toHex((10n << 128n) | 1000000n, { size: 32 }),
                  usage: { limit: 1500000n, used: 0n } },
                ...Array.from({ length: 14 }, () => ({ condition: 0, offset: 0n, isLimited: false,
                  ref: pad("0x00", { size: 32 }), usage: { limit: 0n, used: 0n } }))
              ]
            }
          })
        ]
      },
      {
        actionTarget: OTHER,
        actionTargetSelector: toFunctionSelector("approve(address,uint256)"),
        actionPolicies: [getSpendingLimitsPolicy([{ token: OTHER, limit: 500n }])]
      },
      {
        actionTarget: RECIPIENT,
        actionTargetSelector: "0xffffffff",
        actionPolicies: [getValueLimitPolicy({ limit: 10n ** 17n })]
      }
    ],
    permitERC4337Paymaster: false
  };
}

async function smartSessionVectors() {
  const session = smartSession(pad("0x5a17", { size: 32 }));
  const permissionId = getPermissionId({ session });
  const kernelAccount = getAccount({ address: ACCOUNT, type: "kernel" });
  const safeAccount = getAccount({ address: ACCOUNT, type: "safe" });
  const nexusAccount = getAccount({ address: ACCOUNT, type: "nexus" });
  // module-sdk 0.4.0's encodeValidatorNonce writes Kernel's type byte as 0x00, which Kernel v3.1
  // reads as its root validator (SmartSessionChainAgreementIT shows it on chain): a Kernel account
  // reaches SmartSession with type 0x01 (validator).
  const route = (account) => account.type === "kernel"
    ? BigInt(concat(["0x00", "0x01", SMART_SESSIONS_ADDRESS, "0x0000"])) << 64n
    : encodeValidatorNonce({ account, validator: SMART_SESSIONS_ADDRESS }) << 64n;

  const calls = [
    { name: "transfer within range", expect: "PASS",
      callData: await single(TOKEN, 0n, transfer(RECIPIENT, 1000000n)) },
    { name: "transfer below range", expect: "REJECT:argument 1 must be in [10, 1000000]",
      callData: await single(TOKEN, 0n, transfer(RECIPIENT, 9n)) },
    { name: "cumulative transfers over the limit", expect: "REJECT:summed over uses",
      callData: await encodeCallDataEpV07([
        { to: TOKEN, value: 0n, data: transfer(RECIPIENT, 1000000n) },
        { to: TOKEN, value: 0n, data: transfer(RECIPIENT, 600000n) }
      ]) },
    { name: "approve within spending limit", expect: "PASS",
      callData: await single(OTHER, 0n, approve(RECIPIENT, 500n)) },
    { name: "approve over spending limit", expect: "REJECT:spent and approved must be <= 500",
      callData: await single(OTHER, 0n, approve(RECIPIENT, 501n)) },
    { name: "native value within budget", expect: "PASS",
      callData: await single(RECIPIENT, 10n ** 17n, "0x") },
    { name: "native value over budget", expect: "REJECT:cumulative value must be <= ",
      callData: await single(RECIPIENT, 10n ** 17n + 1n, "0x") },
    { name: "no action for the call", expect: "REJECT:no action policy permits it",
      callData: await single(OTHER, 0n, transfer(RECIPIENT, 1n)) },
    { name: "delegatecall", expect: "REJECT:do not allow delegatecall",
      callData: await single(TOKEN, 0n, "0x12345678", "delegatecall") }
  ];

  const ops = [];
  for (const [account, name] of [[kernelAccount, "kernel"], [safeAccount, "safe"], [nexusAccount, "nexus"]]) {
    for (const call of name === "kernel" ? calls : calls.slice(0, 1)) {
      const op = userOperation(route(account), call.callData);
      const sessionSignature = await SESSION_KEY.signMessage({ message: { raw: hashOf(op) } });
      const signature = encodeSmartSessionSignature({
        mode: SmartSessionMode.USE, permissionId, signature: sessionSignature });
      ops.push({ name: `${name} route, ${call.name}`, expect: call.expect, mode: "use",
        userOperation: wire({ ...op, signature }), userOpHash: hashOf(op) });
    }
  }

  const useOp = userOperation(route(kernelAccount), calls[0].callData);
  ops.push({ name: "signed by another key", expect: "REJECT_SIGNATURE", mode: "use",
    userOperation: wire({ ...useOp, signature: encodeSmartSessionSignature({
      mode: SmartSessionMode.USE, permissionId,
      signature: await WRONG_KEY.signMessage({ message: { raw: hashOf(useOp) } }) }) }),
    userOpHash: hashOf(useOp) });

  for (const mode of [SmartSessionMode.ENABLE, SmartSessionMode.UNSAFE_ENABLE]) {
    for (const call of [calls[0], calls[1]]) {
      const op = userOperation(route(kernelAccount), call.callData);
      const signature = encodeSmartSessionSignature({
        mode,
        permissionId,
        signature: await SESSION_KEY.signMessage({ message: { raw: hashOf(op) } }),
        enableSessionData: {
          enableSession: {
            chainDigestIndex: 0,
            hashesAndChainIds: [{ chainId: BigInt(CHAIN_ID),
              sessionDigest: keccak256(encodeAbiParameters([{ type: "bytes32" }], [permissionId])) }],
            sessionToEnable: session,
            permissionEnableSig: await OWNER.signMessage({ message: { raw: permissionId } })
          },
          validator: getOwnableValidator({ threshold: 1, owners: [OWNER.address] }).address,
          accountType: "kernel"
        }
      });
      ops.push({ name: `${mode === SmartSessionMode.ENABLE ? "enable" : "unsafe enable"} mode, ${call.name}`,
        expect: call.expect, mode: "enable", userOperation: wire({ ...op, signature }),
        userOpHash: hashOf(op) });
    }
  }

  return {
    chainId: CHAIN_ID,
    entryPoint: ENTRY_POINT,
    account: ACCOUNT,
    smartSession: SMART_SESSIONS_ADDRESS,
    sessionKey: SESSION_KEY.address,
    now: 1800000000,
    permissionId,
    sessionValidator: session.sessionValidator,
    policies: {
      usageLimit: session.userOpPolicies[0].policy,
      timeFrame: session.userOpPolicies[1].policy,
      uniAction: session.actions[0].actionPolicies[0].policy,
      spendingLimits: session.actions[1].actionPolicies[0].policy,
      valueLimit: session.actions[2].actionPolicies[0].policy,
      sudo: getSudoPolicy().policy
    },
    operations: ops
  };
}

function fastLzVectors() {
  const inputs = [
    ["empty", "0x"],
    ["one byte", "0x7f"],
    ["no repetition", toHex(Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff))],
    ["short repeats", toHex(new TextEncoder().encode("abcabcabcabcabcabc-xyzxyzxyz-abcabc"))],
    ["long zero run", toHex(new Uint8Array(1000))],
    ["abi words", encodeAbiParameters([{ type: "uint256[]" }], [[1n, 2n, 3n, 2n ** 200n, 1n, 2n, 3n]])],
    ["far match", toHex(Uint8Array.from({ length: 9000 }, (_, i) => (i % 7000) * 13 & 0xff))]
  ];
  return inputs.map(([name, input]) => ({ name, input, compressed: LibZip.flzCompress(input) }));
}

mkdirSync(outputDir, { recursive: true });
const write = (file, value) =>
  writeFileSync(join(outputDir, file), JSON.stringify(value, null, 2) + "\n");
write("kernel-permissions.json", await kernelVectors());
write("smart-sessions.json", await smartSessionVectors());
write("fastlz.json", fastLzVectors());
console.log(`golden vectors written to ${outputDir}`);
