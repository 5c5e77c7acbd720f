package io.seed.bundler.core.builder;

import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeException;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bundle through {@code eth_estimateGas} before it is sent. When the EntryPoint reverts
 * with {@code FailedOp} / {@code FailedOpWithRevert}, the operation it names is dropped from the
 * pool and the rest is tried again; the gas limit is the larger of the estimate and the sum of the
 * operations' limits.
 */
final class Preflight {
  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  private final EthApi eth;
  private final TransactionSigner signer;
  private final UserOperationPool pool;
  private final BuilderConfig config;

  Preflight(EthApi eth, TransactionSigner signer, UserOperationPool pool, BuilderConfig config) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The bundle without the operations the EntryPoint refuses, with its gas limit; empty when none
   * is left, or when the bundle reverts without naming an operation.
   */
  Optional<Bundle> check(Bundle bundle) {
    Bundle current = bundle;
    while (!current.entries().isEmpty()) {
      // Against the latest block, not pending: a pending bundle of ours (the one being replaced)
      // would otherwise appear to have used these operations' nonces already.
      CallRequest call =
          new CallRequest(
              signer.address(), current.entryPoint().address(), current.callData(), null, null);
      try {
        BigInteger estimate = eth.estimateGas(call, BlockTag.LATEST, null).join();
        return Optional.of(current.withGasLimit(estimate.max(current.gasLimit())));
      } catch (CompletionException failure) {
        if (!(failure.getCause() instanceof NodeException refused)
            || refused.revertData().isEmpty()) {
          throw failure;
        }
        EntryPointRevert revert = EntryPointRevert.decode(refused.revertData().get());
        Optional<Integer> culprit = culprit(revert, current.entries().size());
        if (culprit.isEmpty()) {
          LOG.warn(
              "Bundle of {} UserOperations for {} reverts without naming one: {}",
              current.entries().size(), current.entryPoint().address(), revert.describe());
          return Optional.empty();
        }
        PoolEntry dropped = current.entries().get(culprit.get());
        LOG.info(
            "Dropping UserOperation {} from the pool, the EntryPoint refuses it in a bundle: {}",
            dropped.userOpHash(), revert.describe());
        pool.remove(List.of(dropped.userOpHash()));
        current = current.without(culprit.get(), config);
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> culprit(EntryPointRevert revert, int bundleSize) {
    BigInteger opIndex =
        switch (revert) {
          case EntryPointRevert.FailedOp failed -> failed.opIndex();
          case EntryPointRevert.FailedOpWithRevert failed -> failed.opIndex();
          default -> null;
        };
    return opIndex != null && opIndex.compareTo(BigInteger.valueOf(bundleSize)) < 0
        ? Optional.of(opIndex.intValue())
        : Optional.empty();
  }
}
