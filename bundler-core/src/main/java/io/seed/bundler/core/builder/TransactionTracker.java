package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a sent bundle until one of its transactions is mined. A transaction not mined within
 * {@code replacementBlocks} blocks is replaced (same nonce) with both fees raised by at least
 * {@code feeBumpPercent}; the replacement carries the bundle again through pre-flight, so
 * operations that became invalid meanwhile are dropped, and when none is left it becomes a
 * zero-value transfer to the signer that frees the nonce. Every transaction sent for the nonce
 * stays watched, since any of them may be the one mined.
 */
final class TransactionTracker {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionTracker.class);
  private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

  private final EthApi eth;
  private final TransactionSigner signer;
  private final Preflight preflight;
  private final FeePolicy feePolicy;
  private final TransactionSender sender;
  private final BuilderConfig config;
  private final Clock clock;

  TransactionTracker(
      EthApi eth,
      TransactionSigner signer,
      Preflight preflight,
      FeePolicy feePolicy,
      TransactionSender sender,
      BuilderConfig config,
      Clock clock) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.preflight = Objects.requireNonNull(preflight, "preflight");
    this.feePolicy = Objects.requireNonNull(feePolicy, "feePolicy");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  BundleOutcome track(PendingBundle pending) throws InterruptedException {
    Instant deadline = clock.instant().plus(config.bundleTimeout());
    long nonce = pending.transaction().transaction().nonce().longValueExact();
    List<Attempt> attempts = new ArrayList<>();
    attempts.add(new Attempt(pending.transaction(), pending.bundle()));
    Fees fees =
        new Fees(
            pending.transaction().transaction().maxPriorityFeePerGas(),
            pending.transaction().transaction().maxFeePerGas());
    long lastSentBlock = pending.sentAtBlock();
    while (true) {
      Optional<BundleOutcome> mined = minedAttempt(attempts);
      if (mined.isPresent()) {
        return mined.get();
      }
      if (sender.minedNonce() > nonce) {
        // mined between the receipt look-up and the nonce read, or by someone else
        return minedAttempt(attempts).orElse(new BundleOutcome.Superseded(nonce));
      }
      if (clock.instant().isAfter(deadline)) {
        Attempt last = attempts.getLast();
        return new BundleOutcome.TimedOut(
            new PendingBundle(last.bundle() == null ? pending.bundle() : last.bundle(),
                last.transaction(), lastSentBlock));
      }
      BlockHeader head = eth.latestBlock().join();
      if (head.number() - lastSentBlock >= config.replacementBlocks()) {
        fees = feePolicy.bump(fees, head);
        lastSentBlock = head.number();
        replace(attempts, nonce, fees).ifPresent(attempts::add);
      }
      Thread.sleep(config.pollInterval());
    }
  }

  private Optional<BundleOutcome> minedAttempt(List<Attempt> attempts) {
    for (Attempt attempt : attempts) {
      Optional<TransactionReceipt> receipt =
          eth.getTransactionReceipt(attempt.transaction().hash()).join();
      if (receipt.isPresent()) {
        return Optional.of(new BundleOutcome.Mined(attempt.bundle(), receipt.get()));
      }
    }
    return Optional.empty();
  }

  private Optional<Attempt> replace(List<Attempt> attempts, long nonce, Fees fees) {
    Attempt current = attempts.getLast();
    Bundle bundle = current.bundle() == null ? null : preflight.check(current.bundle()).orElse(null);
    Eip1559Transaction transaction =
        bundle != null
            ? BundleSubmitter.transaction(bundle, nonce, fees)
            : new Eip1559Transaction(
                BigInteger.valueOf(nonce), TRANSFER_GAS, signer.address(), BigInteger.ZERO,
                Bytes.EMPTY, fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
    SignedTransaction signed = signer.sign(transaction);
    TransactionSender.Outcome outcome = sender.send(signed);
    if (outcome != TransactionSender.Outcome.SENT) {
      // Underpriced: the next bump climbs from these fees. Nonce too low: the next look sees it
      // mined.
      LOG.info("Replacement of tx {} not accepted: {}", current.transaction().hash(), outcome);
      return Optional.empty();
    }
    LOG.info(
        "Replaced stuck tx {} with {} ({}; tip {}, max fee {})",
        current.transaction().hash(), signed.hash(),
        bundle == null ? "cancellation" : bundle.entries().size() + " UserOperations",
        fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
    return Optional.of(new Attempt(signed, bundle));
  }

  /** One transaction sent for the nonce; {@code bundle} is {@code null} for a cancellation. */
  private record Attempt(SignedTransaction transaction, Bundle bundle) {}
}
