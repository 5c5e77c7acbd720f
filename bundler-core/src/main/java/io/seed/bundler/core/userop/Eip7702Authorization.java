package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An EIP-7702 authorization tuple carried with a v0.8 operation: the sender's EOA delegates its
 * code to {@code address}.
 */
public record Eip7702Authorization(
    BigInteger chainId, Address address, BigInteger nonce, int yParity, BigInteger r, BigInteger s) {
  public Eip7702Authorization {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(r, "r");
    Objects.requireNonNull(s, "s");
    if (yParity != 0 && yParity != 1) {
      throw new IllegalArgumentException("yParity must be 0 or 1");
    }
  }
}
