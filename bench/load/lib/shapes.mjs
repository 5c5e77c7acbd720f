// The shapes of load a run can send (--shape): how the chain is set up for them once, how a set of
// operations is prepared, their fixed gas limits, what answer each bundler is expected to give,
// and what the report says they are.
import { DEPLOYING_OPERATION_GAS, OPERATION_GAS, prepareSimpleOperations } from "./ops.mjs";
import { FLOOD_REFUSAL, SESSION_OPERATION_GAS, deploySessionContracts, floodOperations, prepareSessionOperations, stageFlood }
  from "./sessions.mjs";

/** Operations a bundler should accept: answered with their userOpHash. */
const ACCEPTED = {
  word: "accepted",
  expected: (result) => result.accepted,
  rule: () => "the userOpHash",
  goal: "≥ 5× Alto's accepted/s with a lower p99",
};

/**
 * Each shape: `entryPointVersions` it runs on; `setup(client, entryPoint)` once per run;
 * `modes`, what a shape sizes otherwise than run.mjs's MODES;
 * `prepare(client, entryPoint, count, settings)` before each bundler start, giving the prepared
 * operations or, with `afterStart(client, entryPoint, staged)`, what that turns into
 * `{ operations, probes }` once the bundler runs; `gas(settings)`; `answer`: the word for an
 * operation answered as expected, `expected(result, bundler)`, the `rule` it follows and the
 * issue's goal; `description(settings)`.
 */
export const SHAPES = {
  simple: {
    entryPointVersions: ["0.7", "0.8"],
    setup: async () => {},
    prepare: (client, entryPoint, count, settings) =>
      prepareSimpleOperations(client, entryPoint, count, { withDeployment: settings.withDeployment }),
    gas: (settings) => (settings.withDeployment ? DEPLOYING_OPERATION_GAS : OPERATION_GAS),
    answer: ACCEPTED,
    description: (settings) => (settings.withDeployment
      ? "the first operation of a fresh SimpleAccount, deploying it through factory data, one per sender"
      : "an operation (nonce 1) of a SimpleAccount deployed beforehand, calling nothing, one per sender"),
  },
  "session-key": {
    // Kernel v3.1 validates through EntryPoint v0.7
    entryPointVersions: ["0.7"],
    setup: deploySessionContracts,
    prepare: (client, entryPoint, count) => prepareSessionOperations(client, entryPoint, count),
    gas: () => SESSION_OPERATION_GAS,
    answer: ACCEPTED,
    description: () => "a session-key operation of a Kernel v3.1 account (ZeroDev SDK): an in-scope token transfer "
      + "under a permission installed beforehand by the account's enable-mode operation sent straight to handleOps "
      + "(ECDSASigner; CallPolicy 0.0.5: one token's transfer up to a limit; TimestampPolicy), signed by the session key. "
      + "Our bundler's pre-validation recognises the permission from the nonce, but a freshly started bundler has no "
      + "grant cached for it (the grant was installed on the chain before it started), so each operation is a "
      + "cache miss and simulation decides, as for Alto; one per sender",
  },
  "session-key-flood": {
    entryPointVersions: ["0.7"],
    // Sized so that ours is measured over seconds, not milliseconds, and warmed past its JIT's
    // first compilations; Alto, simulating each operation, takes about a minute per 10,000.
    modes: {
      full: { n: 30_000, concurrency: "8,32", warmup: 20_000 },
      quick: { n: 10_000, concurrency: "32", warmup: 5_000 },
    },
    setup: deploySessionContracts,
    prepare: (client, entryPoint, count) => stageFlood(client, entryPoint, count),
    // The permissions go on the chain while the bundler under test runs, so it has seen them
    // included, as a bundler long in production has; Alto gets the same, though it keeps no grants.
    afterStart: floodOperations,
    gas: () => SESSION_OPERATION_GAS,
    answer: {
      word: "rejected",
      expected: (result, bundler) => (bundler === "ours"
        ? result.errorCode === FLOOD_REFUSAL.code && FLOOD_REFUSAL.message.test(result.errorMessage)
        // Alto simulates, and the EntryPoint reverts the account's validation with AA23
        : !result.accepted && /\bAA23\b/.test(result.errorMessage ?? "")),
      rule: (bundler) => (bundler === "ours"
        ? `${FLOOD_REFUSAL.code} with a message matching ${FLOOD_REFUSAL.message}`
        : "a JSON-RPC error naming AA23 (the account's validation reverted)"),
      goal: "out-of-scope session-key operations rejected ≥ 20,000 per second with zero node requests",
    },
    description: () => "an out-of-scope session-key operation of a Kernel v3.1 account (ZeroDev SDK): a token transfer "
      + "above the limit of the account's permission (CallPolicy 0.0.5: one token's transfer up to 1,000,000; "
      + "TimestampPolicy), signed by the session key, the amount varied so that every operation has its own hash. "
      + "The operations take turns among up to 32 sessions, whose permissions were installed by enable-mode operations "
      + "sent straight to handleOps after the bundler started and mined before the warm-up, so our bundler has seen "
      + "them included and judges the flood from its cached grants; before measuring, one operation per session "
      + "must be refused by ours with the rule's -32500 and no node request at all",
  },
};
