package io.seed.bundler.core.builder;

import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.PollingLoop;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.userop.EntryPoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundling loop: in {@link BundlingMode#AUTO} it looks at the pool every poll interval and,
 * while it holds operations, builds, sends and follows one bundle per EntryPoint until mined; in
 * {@link BundlingMode#MANUAL} bundles go out only through {@link #sendBundleNow()}. One bundle is
 * in flight at a time, so the signer's nonces stay in order. A mined bundle's operations are
 * recorded as included and leave the pool.
 */
public final class BundleBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(BundleBuilder.class);

  private final EthApi eth;
  private final List<EntryPoint> entryPoints;
  private final UserOperationPool pool;
  private final InclusionRecorder recorder;
  private final BuilderConfig config;
  private final BundleProposer proposer;
  private final BundleSubmitter submitter;
  private final TransactionTracker tracker;
  private final ReentrantLock bundling = new ReentrantLock();
  private volatile BundlingMode mode;
  private final PollingLoop loop;

  /**
   * A builder for {@code entryPoints} that sends with {@code signer}, limiting no entity per
   * bundle.
   *
   * @param recheck re-validation of each operation before it goes into a bundle
   * @param recorder where mined operations are recorded (shared with the chain watcher)
   * @param clock measures the bundle timeout
   */
  public BundleBuilder(
      EthApi eth,
      TransactionSigner signer,
      List<EntryPoint> entryPoints,
      UserOperationPool pool,
      BundleRecheck recheck,
      InclusionRecorder recorder,
      BuilderConfig config,
      Clock clock) {
    this(
        eth, signer, entryPoints, pool, recheck, recorder, config, BundleEntityLimits.NONE, clock);
  }

  /**
   * A builder for {@code entryPoints} that sends with {@code signer}.
   *
   * @param recheck re-validation of each operation before it goes into a bundle
   * @param recorder where mined operations are recorded (shared with the chain watcher)
   * @param limits how many operations per entity one bundle may carry (reputation)
   * @param clock measures the bundle timeout
   */
  public BundleBuilder(
      EthApi eth,
      TransactionSigner signer,
      List<EntryPoint> entryPoints,
      UserOperationPool pool,
      BundleRecheck recheck,
      InclusionRecorder recorder,
      BuilderConfig config,
      BundleEntityLimits limits,
      Clock clock) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.entryPoints = List.copyOf(entryPoints);
    this.pool = Objects.requireNonNull(pool, "pool");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.config = Objects.requireNonNull(config, "config");
    this.mode = config.mode();
    Preflight preflight = new Preflight(eth, signer, pool, config);
    FeePolicy feePolicy = new FeePolicy(eth, config);
    TransactionSender sender = new TransactionSender(eth, signer);
    this.proposer =
        new BundleProposer(pool, recheck, config, limits, CodeChangeCheck.onChain(eth));
    this.submitter = new BundleSubmitter(signer, preflight, feePolicy, sender);
    this.tracker =
        new TransactionTracker(eth, signer, preflight, feePolicy, sender, config, clock);
    this.loop = new PollingLoop("bundle-builder", config.pollInterval(), this::autoBundle);
  }

  /** Starts the loop on a virtual thread. */
  public void start() {
    loop.start();
  }

  /** Stops the loop and waits for it; a bundle being followed is abandoned (it may still be mined). */
  public void stop() throws InterruptedException {
    loop.stop();
  }

  /** The current mode. */
  public BundlingMode mode() {
    return mode;
  }

  /** Switches between automatic and manual bundling. */
  public void setMode(BundlingMode newMode) {
    this.mode = Objects.requireNonNull(newMode, "newMode");
  }

  /**
   * Builds and sends one bundle per EntryPoint that has operations to bundle, and waits until each
   * is mined.
   *
   * @return the mined bundles, in EntryPoint order; empty when there was nothing to bundle
   * @throws BundleNotMinedException when a bundle was sent but not mined
   */
  public List<MinedBundle> sendBundleNow() throws InterruptedException {
    bundling.lockInterruptibly();
    try {
      List<MinedBundle> mined = new ArrayList<>();
      for (EntryPoint entryPoint : entryPoints) {
        BlockHeader head = eth.latestBlock().join();
        Optional<Bundle> bundle = proposer.propose(entryPoint, head);
        if (bundle.isEmpty()) {
          continue;
        }
        Optional<PendingBundle> pending = submitter.submit(bundle.get(), head);
        if (pending.isPresent()) {
          follow(pending.get()).ifPresent(mined::add);
        }
      }
      return mined;
    } finally {
      bundling.unlock();
    }
  }

  private Optional<MinedBundle> follow(PendingBundle pending) throws InterruptedException {
    BundleOutcome outcome = tracker.track(pending);
    return switch (outcome) {
      case BundleOutcome.Mined(Bundle bundle, var receipt) when bundle != null -> {
        List<IncludedOperation> included = recorder.record(receipt.logs());
        if (!receipt.status()) {
          LOG.warn("Bundle tx {} reverted; its UserOperations stay in the pool",
              receipt.transactionHash());
        }
        yield Optional.of(
            new MinedBundle(
                bundle.entryPoint(), receipt.transactionHash(),
                included.stream().map(IncludedOperation::userOpHash).toList(), receipt));
      }
      case BundleOutcome.Mined(Bundle cancelled, var receipt) -> {
        LOG.info("Cancellation tx {} mined; no UserOperation was left to bundle",
            receipt.transactionHash());
        yield Optional.empty();
      }
      case BundleOutcome.Superseded(long nonce) -> {
        submitter.resyncNonce();
        throw new BundleNotMinedException(
            "nonce " + nonce + " of the bundle transaction was used by another transaction");
      }
      case BundleOutcome.TimedOut(PendingBundle last) -> throw new BundleNotMinedException(
          "bundle tx " + last.transaction().hash() + " not mined within "
              + config.bundleTimeout());
    };
  }

  /**
   * In auto mode, bundles until the pool has nothing left to bundle: the next bundle goes out as
   * soon as the last one is mined, not a poll interval later, so a backlog drains at the chain's
   * pace. A bundle that reverted on chain ends the round, so a failing bundle is not resent in a
   * tight loop.
   */
  private void autoBundle() throws InterruptedException {
    boolean minedCleanly = true;
    while (minedCleanly && mode == BundlingMode.AUTO && pool.size() > 0) {
      List<MinedBundle> mined = sendBundleNow();
      minedCleanly = !mined.isEmpty() && mined.stream().allMatch(b -> b.receipt().status());
    }
  }
}
