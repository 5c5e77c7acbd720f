package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/** One call an operation makes: how, to whom, with how much value and which call data. */
public record Call(CallType type, Address target, BigInteger value, Bytes data) {
  public Call {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(data, "data");
  }

  /** The first four bytes of the call data as an int; the caller checks the length first. */
  public int leadingSelector() {
    return (data.get(0) & 0xff) << 24
        | (data.get(1) & 0xff) << 16
        | (data.get(2) & 0xff) << 8
        | (data.get(3) & 0xff);
  }
}
