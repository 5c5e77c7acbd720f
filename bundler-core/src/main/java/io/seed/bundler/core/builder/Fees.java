package io.seed.bundler.core.builder;

import java.math.BigInteger;
import java.util.Objects;

/** The two EIP-1559 fees of one bundle transaction. */
record Fees(BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas) {
  Fees {
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
  }
}
