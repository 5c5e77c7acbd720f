package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * Sends signed transactions and sorts the node's refusals that the builder recovers from (nonce
 * already used, fees too low to replace) from real failures, which it throws.
 */
final class TransactionSender {
  /** What became of a send. */
  enum Outcome {
    /** The node accepted it, or already had it. */
    SENT,
    /** The nonce is already used by a mined transaction. */
    NONCE_TOO_LOW,
    /** A pending transaction with this nonce pays too much to be replaced by this one. */
    UNDERPRICED
  }

  private final EthApi eth;
  private final TransactionSigner signer;

  TransactionSender(EthApi eth, TransactionSigner signer) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  Outcome send(SignedTransaction transaction) {
    try {
      eth.sendRawTransaction(transaction.raw()).join();
      return Outcome.SENT;
    } catch (CompletionException failure) {
      if (!(failure.getCause() instanceof NodeException refused)) {
        throw failure;
      }
      String message = refused.errorMessage().toLowerCase(Locale.ROOT);
      if (message.contains("nonce too low")) {
        return Outcome.NONCE_TOO_LOW;
      }
      if (message.contains("already known") || message.contains("already imported")) {
        return Outcome.SENT;
      }
      if (message.contains("underpriced")) {
        return Outcome.UNDERPRICED;
      }
      throw refused;
    }
  }

  /** The signer's next nonce counting its pending transactions. */
  long pendingNonce() {
    return eth.getTransactionCount(signer.address(), BlockTag.PENDING).join();
  }

  /** The signer's next nonce counting only mined transactions. */
  long minedNonce() {
    return eth.getTransactionCount(signer.address(), BlockTag.LATEST).join();
  }
}
