package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.BlockHeader;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bundles: pre-flight, fees from the head, the signer's next nonce, sign, send. The nonce is
 * counted locally and taken again from the node's pending count whenever the node says it is
 * used or taken by a pending transaction this process does not know (another process with the same
 * key, or one from before a restart). Not thread-safe: the builder sends one bundle at a time.
 */
final class BundleSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(BundleSubmitter.class);
  private static final int SEND_ATTEMPTS = 3;

  private final TransactionSigner signer;
  private final Preflight preflight;
  private final FeePolicy feePolicy;
  private final TransactionSender sender;
  private Long nextNonce;

  BundleSubmitter(
      TransactionSigner signer, Preflight preflight, FeePolicy feePolicy, TransactionSender sender) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.preflight = Objects.requireNonNull(preflight, "preflight");
    this.feePolicy = Objects.requireNonNull(feePolicy, "feePolicy");
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  /** Sends {@code bundle}; empty when pre-flight left nothing to send. */
  Optional<PendingBundle> submit(Bundle bundle, BlockHeader head) {
    Optional<Bundle> checked = preflight.check(bundle);
    if (checked.isEmpty()) {
      return Optional.empty();
    }
    Fees fees = feePolicy.initial(head);
    for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
      long nonce = nextNonce != null ? nextNonce : sender.pendingNonce();
      SignedTransaction transaction = signer.sign(transaction(checked.get(), nonce, fees));
      TransactionSender.Outcome outcome = sender.send(transaction);
      if (outcome == TransactionSender.Outcome.SENT) {
        nextNonce = nonce + 1;
        LOG.info(
            "Sent bundle of {} UserOperations to {} in tx {} (nonce {}, tip {}, max fee {})",
            checked.get().entries().size(), checked.get().entryPoint().address(),
            transaction.hash(), nonce, fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        return Optional.of(new PendingBundle(checked.get(), transaction, head.number()));
      }
      LOG.info("Nonce {} of {} is taken ({}); reading it again from the node",
          nonce, signer.address(), outcome);
      nextNonce = null;
    }
    throw new IllegalStateException(
        "could not find a free nonce for " + signer.address() + " in " + SEND_ATTEMPTS + " tries");
  }

  /** Forgets the local nonce count; the next bundle reads it from the node. */
  void resyncNonce() {
    nextNonce = null;
  }

  static Eip1559Transaction transaction(Bundle bundle, long nonce, Fees fees) {
    return new Eip1559Transaction(
        BigInteger.valueOf(nonce), bundle.gasLimit(), bundle.entryPoint().address(),
        BigInteger.ZERO, bundle.callData(), fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
  }
}
