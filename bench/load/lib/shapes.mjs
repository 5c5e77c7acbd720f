// The shapes of load a run can send (--shape): how the chain is set up for them once, how a set of
// operations is prepared, their fixed gas limits, and what the report says they are.
import { DEPLOYING_OPERATION_GAS, OPERATION_GAS, prepareSimpleOperations } from "./ops.mjs";
import { SESSION_OPERATION_GAS, deploySessionContracts, prepareSessionOperations } from "./sessions.mjs";

export const SHAPES = {
  simple: {
    entryPointVersions: ["0.7", "0.8"],
    setup: async () => {},
    prepare: (client, entryPoint, count, settings) =>
      prepareSimpleOperations(client, entryPoint, count, { withDeployment: settings.withDeployment }),
    gas: (settings) => (settings.withDeployment ? DEPLOYING_OPERATION_GAS : OPERATION_GAS),
    description: (settings) => (settings.withDeployment
      ? "the first operation of a fresh SimpleAccount, deploying it through factory data"
      : "an operation (nonce 1) of a SimpleAccount deployed beforehand, calling nothing"),
  },
  "session-key": {
    // Kernel v3.1 validates through EntryPoint v0.7
    entryPointVersions: ["0.7"],
    setup: deploySessionContracts,
    prepare: (client, entryPoint, count) => prepareSessionOperations(client, entryPoint, count),
    gas: () => SESSION_OPERATION_GAS,
    description: () => "a session-key operation of a Kernel v3.1 account (ZeroDev SDK): an in-scope token transfer "
      + "under a permission installed beforehand by the account's enable-mode operation sent straight to handleOps "
      + "(ECDSASigner; CallPolicy 0.0.5: one token's transfer up to a limit; TimestampPolicy), signed by the session key. "
      + "Our bundler's pre-validation recognises the permission from the nonce, but a freshly started bundler has no "
      + "grant cached for it (the grant was installed on the chain, not through the bundler), so each operation is a "
      + "cache miss and simulation decides, as for Alto",
  },
};
