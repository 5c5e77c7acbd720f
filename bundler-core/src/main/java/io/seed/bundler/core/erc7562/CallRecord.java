package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One {@code *CALL} made during a validation phase.
 *
 * @param opcode CALL (0xf1), CALLCODE (0xf2), DELEGATECALL (0xf4) or STATICCALL (0xfa)
 * @param from the address whose code made the call (the caller's storage context)
 * @param to the called address
 * @param value the wei sent (zero for DELEGATECALL and STATICCALL)
 * @param input the call data's first 36 bytes at most: the selector and the first argument word
 * @param hasCode whether {@code to} had code when called
 */
public record CallRecord(
    int opcode, Address from, Address to, BigInteger value, Bytes input, boolean hasCode) {
  private static final int SELECTOR_LENGTH = 4;

  public CallRecord {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(input, "input");
  }

  /** The first (up to four) bytes of the call data; empty for a plain transfer. */
  public Bytes selector() {
    return input.slice(0, Math.min(input.length(), SELECTOR_LENGTH));
  }

  /** The first argument as an address, or {@code null} when the call data has no full word. */
  public Address firstAddressArgument() {
    return input.length() < SELECTOR_LENGTH + Bytes32.LENGTH
        ? null
        : Address.fromWord(input.toArray(), SELECTOR_LENGTH);
  }
}
