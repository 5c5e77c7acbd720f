package io.seed.bundler.core.erc7562;

/** The entity a validation phase is attributed to, named as the spec's error messages name it. */
public enum Entity {
  /** The factory deploying the sender (through the EntryPoint's sender creator). */
  FACTORY("factory"),
  /** The sender's {@code validateUserOp}. */
  ACCOUNT("account"),
  /** The paymaster's {@code validatePaymasterUserOp}. */
  PAYMASTER("paymaster");

  private final String title;

  Entity(String title) {
    this.title = title;
  }

  /** The lowercase name used in rejection messages. */
  public String title() {
    return title;
  }
}
