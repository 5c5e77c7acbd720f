package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One {@code *CALL} made during a validation phase.
 *
 * @param opcode CALL (0xf1), CALLCODE (0xf2), DELEGATECALL (0xf4) or STATICCALL (0xfa)
 * @param from the address whose code made the call (the caller's storage context)
 * @param to the called address
 * @param value the wei sent (zero for DELEGATECALL and STATICCALL)
 * @param selector the first (up to four) bytes of the call data
 * @param hasCode whether {@code to} had code when called
 */
public record CallRecord(
    int opcode, Address from, Address to, BigInteger value, Bytes selector, boolean hasCode) {
  public CallRecord {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(selector, "selector");
  }
}
