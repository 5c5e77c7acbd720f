package io.seed.bundler.core.testing;

import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.types.Bytes32;

/** Waits for transactions in tests: anvil may answer before an auto-mined block is queryable. */
public final class Receipts {
  private static final int ATTEMPTS = 500;
  private static final long PAUSE_MILLIS = 20;

  private Receipts() {}

  /** The receipt of {@code hash}, polled for up to ten seconds; fails the test if none comes. */
  public static TransactionReceipt await(EthApi eth, Bytes32 hash) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      var receipt = eth.getTransactionReceipt(hash).join();
      if (receipt.isPresent()) {
        return receipt.get();
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("transaction " + hash + " not mined");
  }
}
