package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.Objects;

/**
 * A transaction signed and ready for {@code eth_sendRawTransaction}.
 *
 * @param transaction what was signed
 * @param raw the typed-envelope encoding to send
 * @param hash the transaction hash, {@code keccak(raw)}
 */
public record SignedTransaction(Eip1559Transaction transaction, Bytes raw, Bytes32 hash) {
  public SignedTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(hash, "hash");
  }
}
