package io.seed.bundler.core.sessionkey.permission;

/**
 * How an argument word compares with its reference values. Words compare as unsigned 256-bit
 * integers, as Solidity compares {@code bytes32}.
 */
public enum Condition {
  /** Equal to the single reference. */
  EQUAL,
  /** Greater than the single reference. */
  GREATER_THAN,
  /** Less than the single reference. */
  LESS_THAN,
  /** Greater than or equal to the single reference. */
  GREATER_THAN_OR_EQUAL,
  /** Less than or equal to the single reference. */
  LESS_THAN_OR_EQUAL,
  /** Different from the single reference. */
  NOT_EQUAL,
  /** Equal to one of the references. */
  ONE_OF,
  /**
   * The word is the ABI offset of a dynamic {@code bytes} argument; references are {@code [start,
   * length, keccak256(expected)]} and the argument's bytes {@code [start, start + length)} must
   * hash to the third (Kernel CallPolicy's SUBSTR_EQUAL, the SDK's SLICE_EQUAL).
   */
  SLICE_EQUAL,
  /** Within {@code [ref >> 128, ref & (2^128 - 1)]}, both ends included (Smart Sessions). */
  IN_RANGE;

  private static final Condition[] COMPARISONS = {
    EQUAL, GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL, NOT_EQUAL
  };

  /**
   * The comparison with on-chain code {@code code}: 0 to 5 mean the same in Kernel's CallPolicy
   * and Smart Sessions' UniActionPolicy (beyond that they differ); null for other codes.
   */
  public static Condition comparison(long code) {
    return code >= 0 && code < COMPARISONS.length ? COMPARISONS[(int) code] : null;
  }
}
