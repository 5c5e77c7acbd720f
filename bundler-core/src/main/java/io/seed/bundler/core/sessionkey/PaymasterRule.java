package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.userop.PackedUserOperation;

/** Which paymaster a grant's operations may use; the chain reverts otherwise. */
public sealed interface PaymasterRule {
  /** Any paymaster or none. */
  PaymasterRule ANY = new Any();

  /** Null when {@code op} complies, else what it violates. */
  String check(PackedUserOperation op);

  /** No constraint. */
  record Any() implements PaymasterRule {
    @Override
    public String check(PackedUserOperation op) {
      return null;
    }
  }

  /** No paymaster allowed (Smart Sessions without {@code permitERC4337Paymaster}). */
  record Forbidden(String why) implements PaymasterRule {
    @Override
    public String check(PackedUserOperation op) {
      return op.paymaster() == null ? null : why;
    }
  }
}
