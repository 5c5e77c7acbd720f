package io.seed.bundler.mempool.reputation;

/** An entity's standing under ERC-7562's reputation calculation. */
public enum ReputationStatus {
  /** Not limited beyond the stake rules. */
  OK("ok", 0),
  /** Limited to a few operations in the mempool and in each bundle [GREP-020]. */
  THROTTLED("throttled", 1),
  /** Not admitted; its pending operations are dropped [GREP-010]. */
  BANNED("banned", 2);

  private final String wireName;
  private final int code;

  ReputationStatus(String wireName, int code) {
    this.wireName = wireName;
    this.code = code;
  }

  /** The name ERC-7769 gives the status in {@code debug_bundler_dumpReputation}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The number the reference bundler and the ERC-4337 spec tests use for the status (they read
   * the dumped status as a hex quantity: 0 ok, 1 throttled, 2 banned).
   */
  public int code() {
    return code;
  }
}
