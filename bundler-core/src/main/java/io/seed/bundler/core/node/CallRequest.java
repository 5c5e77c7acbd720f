package io.seed.bundler.core.node;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The transaction-like object of {@code eth_call} and {@code eth_estimateGas}. {@code from},
 * {@code to}, {@code gas} and {@code value} are {@code null} when not set ({@code to} is absent
 * for a contract creation).
 */
public record CallRequest(Address from, Address to, Bytes data, BigInteger gas, BigInteger value) {
  public CallRequest {
    Objects.requireNonNull(data, "data");
  }

  /** A call of {@code to} with {@code data} and nothing else set. */
  public static CallRequest to(Address to, Bytes data) {
    return new CallRequest(null, Objects.requireNonNull(to, "to"), data, null, null);
  }
}
