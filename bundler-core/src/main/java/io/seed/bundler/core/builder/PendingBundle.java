package io.seed.bundler.core.builder;

import java.util.Objects;

/**
 * A bundle transaction sent and not yet seen mined.
 *
 * @param bundle what it carries
 * @param transaction the signed transaction as sent
 * @param sentAtBlock the head's number when it was sent
 */
record PendingBundle(Bundle bundle, SignedTransaction transaction, long sentAtBlock) {
  PendingBundle {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(transaction, "transaction");
  }
}
