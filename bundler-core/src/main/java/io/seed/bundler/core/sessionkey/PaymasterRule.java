package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.userop.PackedUserOperation;

/** Which paymaster a grant's operations may use; the chain reverts otherwise. */
public sealed interface PaymasterRule {
  /** Any paymaster or none. */
  PaymasterRule ANY = new Any();

  /** Null when {@code op} complies, else what it violates. */
  String check(PackedUserOperation op);

  /**
   * Why {@code op}'s paymaster cannot be judged here, or null when {@link #check} decides it.
   * The chain checks the paymaster before anything else, so such an operation is left whole to
   * simulation.
   */
  default String undecided(PackedUserOperation op) {
    return null;
  }

  /** No constraint. */
  record Any() implements PaymasterRule {
    @Override
    public String check(PackedUserOperation op) {
      return null;
    }
  }

  /**
   * Whether a paymaster is allowed is not known: the grant was read from a module that offers no
   * getter for it (Smart Sessions' {@code permitERC4337Paymaster}). Operations without a paymaster
   * comply; those with one are undecided.
   */
  record Unread(String why) implements PaymasterRule {
    @Override
    public String check(PackedUserOperation op) {
      return null;
    }

    @Override
    public String undecided(PackedUserOperation op) {
      return op.paymaster() == null ? null : why;
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
