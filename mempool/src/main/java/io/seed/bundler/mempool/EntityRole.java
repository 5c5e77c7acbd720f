package io.seed.bundler.mempool;

/** The roles an address plays in a UserOperation that the pool counts. */
public enum EntityRole {
  SENDER("sender"),
  FACTORY("factory"),
  PAYMASTER("paymaster");

  private final String label;

  EntityRole(String label) {
    this.label = label;
  }

  /** The role as messages name it. */
  public String label() {
    return label;
  }
}
