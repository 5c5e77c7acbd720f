package io.seed.bundler.core.validation;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.erc7562.SafeMode;
import io.seed.bundler.core.erc7562.TracedValidation;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.LatestBlockCache;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Full validation of a v0.7 / v0.8 operation before it enters the pool: the I/O-free {@link
 * Prevalidation} (which may refuse it before any node request), a chain snapshot (one batched
 * round trip), the {@link Precheck}, {@code simulateValidation} (one round trip), then the
 * verdict on its result: signatures, aggregator and validity window.
 *
 * <p>In {@linkplain #withSafeMode safe mode} the simulation is one {@code debug_traceCall} of the
 * same call instead of the {@code eth_call}; the ERC-7562 rules judge its trace after the
 * verdict, and the code hashes of the contracts it touched and the contracts whose storage it used
 * go into the pool entry.
 *
 * <p>Node failures are not rejections: they propagate as the node client's exceptions ({@code
 * NodeUnavailableException}, {@code NodeException}).
 */
public final class ValidationPipeline {
  private final EthApi eth;
  private final EntryPointSimulationsCode simulationsCode;
  private final ChainSnapshotReader snapshots;
  private final Precheck precheck;
  private final UserOperationHasher hasher;
  private final long chainId;
  private final ValidationConfig config;
  private final Clock clock;
  private final Prevalidation prevalidation;
  private final SafeMode safeMode;

  /**
   * A pipeline for one chain.
   *
   * @param eth the node
   * @param simulationsCode the shared cache of the simulations runtime code
   * @param precheck the I/O-free checks
   * @param hasher computes the userOpHash of accepted operations
   * @param chainId the chain's id, part of the userOpHash
   * @param config the validity margin
   * @param clock the time validity windows are judged against and operations are stamped with
   */
  public ValidationPipeline(
      EthApi eth,
      EntryPointSimulationsCode simulationsCode,
      Precheck precheck,
      UserOperationHasher hasher,
      long chainId,
      ValidationConfig config,
      Clock clock) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.simulationsCode = Objects.requireNonNull(simulationsCode, "simulationsCode");
    this.precheck = Objects.requireNonNull(precheck, "precheck");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.chainId = chainId;
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.snapshots =
        new ChainSnapshotReader(eth, new LatestBlockCache(eth, Ticker.systemTicker(), config.headerMaxAge()));
    this.prevalidation = Prevalidation.NONE;
    this.safeMode = null;
  }

  private ValidationPipeline(
      ValidationPipeline base, Prevalidation prevalidation, SafeMode safeMode) {
    this.eth = base.eth;
    this.simulationsCode = base.simulationsCode;
    this.snapshots = base.snapshots;
    this.precheck = base.precheck;
    this.hasher = base.hasher;
    this.chainId = base.chainId;
    this.config = base.config;
    this.clock = base.clock;
    this.prevalidation = Objects.requireNonNull(prevalidation, "prevalidation");
    this.safeMode = safeMode;
  }

  /**
   * This pipeline with {@code prevalidation} run first, before any node request: it may refuse
   * an operation early (session keys), and hears of every operation simulation accepted.
   */
  public ValidationPipeline withPrevalidation(Prevalidation prevalidation) {
    return new ValidationPipeline(this, prevalidation, safeMode);
  }

  /**
   * This pipeline with the ERC-7562 rules: simulation becomes a traced call judged by {@code
   * safeMode}.
   */
  public ValidationPipeline withSafeMode(SafeMode safeMode) {
    return new ValidationPipeline(
        this, prevalidation, Objects.requireNonNull(safeMode, "safeMode"));
  }

  /**
   * Validates {@code op} for {@code entryPoint} (v0.7 or v0.8).
   *
   * @return the pool entry: hash, validity window from account and paymaster, arrival time, the
   *     entities' stakes as the EntryPoint reported them, and in safe mode the code hashes and
   *     storage its validation used
   * @throws UserOperationRejectedException with the ERC-7769 category and the reason
   */
  public PoolEntry validate(PackedUserOperation op, EntryPoint entryPoint)
      throws UserOperationRejectedException {
    return validate(op, entryPoint, null);
  }

  /**
   * Validates a pooled entry again, before it is bundled or when the pool reopens: the checks and
   * rules of {@link #validate}, but the code hashes are not read again, since the builder compares
   * the recorded ones with the chain's before it re-checks (COD-010); so in safe mode a re-check
   * costs the trace alone.
   *
   * @return the entry as it validates now (window, stakes, the storage its validation used now),
   *     with its recorded code hashes and arrival time
   * @throws UserOperationRejectedException when it no longer validates
   */
  public PoolEntry recheck(PoolEntry pooled) throws UserOperationRejectedException {
    return validate(pooled.operation(), pooled.entryPoint(), pooled);
  }

  /** Validates {@code op}; {@code pooled} is its pool entry when this is a re-check, else null. */
  private PoolEntry validate(PackedUserOperation op, EntryPoint entryPoint, PoolEntry pooled)
      throws UserOperationRejectedException {
    // The hash of an EIP-7702 operation delegated by code needs the delegate from the chain; such
    // an operation is no session-key format the pre-validation reads, so it skips it.
    Bytes32 direct = delegatedByCode(op) ? null : hasher.hash(op, entryPoint, chainId);
    if (direct != null) {
      prevalidation.check(op, entryPoint, direct, clock.instant().getEpochSecond());
    }
    ChainSnapshot chain = NodeFutures.await(snapshots.read(op));
    precheck.check(op, chain);
    TracedValidation traced = safeMode == null ? null : trace(op, entryPoint);
    ValidationResult result =
        traced == null ? simulate(op, entryPoint) : passed(traced.outcome());

    ValidationData account = result.returnInfo().accountValidationData();
    ValidationData paymaster = result.returnInfo().paymasterValidationData();
    Rejections.requireAuthorized(account, paymaster);
    ValidationData window = account.intersect(paymaster);
    Instant now = clock.instant();
    Rejections.requireValidWindow(window, now.getEpochSecond(), config.expiryMargin().toSeconds());
    EntityStakes stakes =
        new EntityStakes(result.senderInfo(), result.factoryInfo(), result.paymasterInfo());
    AccessedStorage storage = traced == null
        ? AccessedStorage.NONE
        : safeMode.check(op, entryPoint, stakes, traced.trace());
    CodeHashes codeHashes;
    if (pooled != null) {
      codeHashes = pooled.codeHashes();
    } else {
      codeHashes =
          traced == null ? CodeHashes.NONE : safeMode.codeHashes(op, entryPoint, traced.trace());
    }
    prevalidation.simulated(op, entryPoint);

    return new PoolEntry(
        direct != null ? direct : delegatedHash(op, entryPoint, chain), entryPoint, op,
        window.validAfter(), window.validUntil(), pooled != null ? pooled.receivedAt() : now,
        stakes, codeHashes, storage);
  }

  private ValidationResult simulate(PackedUserOperation op, EntryPoint entryPoint)
      throws UserOperationRejectedException {
    EntryPointClient client = new EntryPointClient(eth, entryPoint, simulationsCode);
    return passed(NodeFutures.await(client.simulateValidation(op, StateOverrideSet.EMPTY)));
  }

  private TracedValidation trace(PackedUserOperation op, EntryPoint entryPoint) {
    return NodeFutures.await(
        simulationsCode
            .runtimeCode(entryPoint.version())
            .thenCompose(code -> safeMode.trace(op, entryPoint, code)));
  }

  private static ValidationResult passed(Simulation<ValidationResult> outcome)
      throws UserOperationRejectedException {
    return switch (outcome) {
      case Simulation.Passed<ValidationResult>(ValidationResult result) -> result;
      case Simulation.Reverted<ValidationResult>(var revert) -> throw Rejections.fromRevert(revert);
    };
  }

  /** The hash of an operation {@link #delegatedByCode}: it covers the sender's delegate. */
  private Bytes32 delegatedHash(PackedUserOperation op, EntryPoint entryPoint, ChainSnapshot chain)
      throws UserOperationRejectedException {
    if (chain.senderDelegate() == null) {
      throw new UserOperationRejectedException(
          RejectionReason.INVALID_FIELDS,
          "EIP-7702 operation without eip7702Auth, and sender " + op.sender()
              + " has no delegation");
    }
    return hasher.hash(op, entryPoint, chainId, chain.senderDelegate());
  }

  /** An EIP-7702 operation without an authorization: its sender is already delegated on chain. */
  private static boolean delegatedByCode(PackedUserOperation op) {
    return Precheck.EIP7702_FACTORY.equals(op.factory()) && op.eip7702Auth() == null;
  }
}
