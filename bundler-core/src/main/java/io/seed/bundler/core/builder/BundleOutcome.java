package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.TransactionReceipt;

/** How following a bundle transaction ended. */
sealed interface BundleOutcome {

  /**
   * One of the bundle's transactions was mined.
   *
   * @param bundle the bundle that transaction carried, {@code null} when it was the cancellation
   *     sent after every operation had been dropped
   */
  record Mined(Bundle bundle, TransactionReceipt receipt) implements BundleOutcome {}

  /** The nonce was used by a transaction this process did not send. */
  record Superseded(long nonce) implements BundleOutcome {}

  /** The transaction was not mined within the configured timeout; it may still be. */
  record TimedOut(PendingBundle last) implements BundleOutcome {}
}
