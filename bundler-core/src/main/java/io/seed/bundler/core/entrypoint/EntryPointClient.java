package io.seed.bundler.core.entrypoint;

import io.seed.bundler.core.abi.DepositInfo;
import io.seed.bundler.core.abi.EntryPointQueryCodec;
import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.EntryPointSimulationsCodec;
import io.seed.bundler.core.abi.ExecutionResult;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeException;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One EntryPoint v0.7 / v0.8 as the bundler uses it. Simulations are {@code eth_call}s to the
 * EntryPoint's own address with the simulations code put there by state override, so they see the
 * EntryPoint's real storage (nonces, deposits, stakes); reverts come back decoded as {@link
 * Simulation.Reverted}. Futures fail with the node's exceptions when the node does.
 */
public final class EntryPointClient {
  private final EthApi eth;
  private final EntryPoint entryPoint;
  private final EntryPointSimulationsCode simulationsCode;

  /** A client of {@code entryPoint} through {@code eth}. */
  public EntryPointClient(
      EthApi eth, EntryPoint entryPoint, EntryPointSimulationsCode simulationsCode) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    this.simulationsCode = Objects.requireNonNull(simulationsCode, "simulationsCode");
    if (!entryPoint.version().usesPackedUserOperation()) {
      throw new IllegalArgumentException("EntryPoint " + entryPoint.version().label() + " is not supported");
    }
  }

  /** The EntryPoint this client talks to. */
  public EntryPoint entryPoint() {
    return entryPoint;
  }

  /**
   * {@code simulateValidation(op)}.
   *
   * @param overrides state overrides to apply beneath the simulations code (a user's, or the
   *     estimator's); {@link StateOverrideSet#EMPTY} for none
   */
  public CompletableFuture<Simulation<ValidationResult>> simulateValidation(
      PackedUserOperation op, StateOverrideSet overrides) {
    return simulate(
        EntryPointSimulationsCodec.encodeSimulateValidation(op),
        overrides,
        EntryPointSimulationsCodec::decodeValidationResult);
  }

  /**
   * {@code simulateHandleOp(op, target, targetCallData)}: validation and execution of {@code op},
   * then a call of {@code target} from the EntryPoint ({@link Address#ZERO} for none).
   */
  public CompletableFuture<Simulation<ExecutionResult>> simulateHandleOp(
      PackedUserOperation op, Address target, Bytes targetCallData, StateOverrideSet overrides) {
    return simulate(
        EntryPointSimulationsCodec.encodeSimulateHandleOp(op, target, targetCallData),
        overrides,
        EntryPointSimulationsCodec::decodeExecutionResult);
  }

  /** The next nonce of {@code sender} in the sequence {@code key}. */
  public CompletableFuture<BigInteger> getNonce(Address sender, BigInteger key) {
    return read(EntryPointQueryCodec.encodeGetNonce(sender, key))
        .thenApply(EntryPointQueryCodec::decodeUint);
  }

  /** The deposit of {@code account} in wei. */
  public CompletableFuture<BigInteger> balanceOf(Address account) {
    return read(EntryPointQueryCodec.encodeBalanceOf(account))
        .thenApply(EntryPointQueryCodec::decodeUint);
  }

  /** Deposit and stake of {@code account}. */
  public CompletableFuture<DepositInfo> getDepositInfo(Address account) {
    return read(EntryPointQueryCodec.encodeGetDepositInfo(account))
        .thenApply(EntryPointQueryCodec::decodeDepositInfo);
  }

  /**
   * The address {@code initCode} deploys, from the EntryPoint's {@code getSenderAddress}, which
   * answers by reverting with {@code SenderAddressResult}.
   *
   * @throws IllegalStateException (in the future) when the EntryPoint reverts otherwise, e.g.
   *     because the factory fails
   */
  public CompletableFuture<Address> getSenderAddress(Bytes initCode) {
    return revertOf(read(EntryPointQueryCodec.encodeGetSenderAddress(initCode)))
        .thenApply(
            outcome -> {
              if (outcome instanceof Simulation.Reverted<Bytes>(
                  EntryPointRevert.SenderAddressResult(Address sender))) {
                return sender;
              }
              throw new IllegalStateException(
                  "getSenderAddress did not answer with SenderAddressResult: " + describe(outcome));
            });
  }

  private <T> CompletableFuture<Simulation<T>> simulate(
      Bytes callData, StateOverrideSet overrides, Function<Bytes, T> decoder) {
    return simulationsCode
        .runtimeCode(entryPoint.version())
        .thenCompose(
            code -> {
              StateOverrideSet withCode =
                  overrides.merge(StateOverrideSet.of(entryPoint.address(), AccountOverride.code(code)));
              return revertOf(
                  eth.ethCall(CallRequest.to(entryPoint.address(), callData), BlockTag.LATEST, withCode));
            })
        .thenApply(
            outcome ->
                switch (outcome) {
                  case Simulation.Passed<Bytes>(Bytes data) -> new Simulation.Passed<>(decoder.apply(data));
                  case Simulation.Reverted<Bytes>(EntryPointRevert revert) ->
                      new Simulation.Reverted<>(revert);
                });
  }

  private CompletableFuture<Bytes> read(Bytes callData) {
    return eth.viewCall(entryPoint.address(), callData);
  }

  /** Turns a revert of the call into an outcome; every other failure stays a failure. */
  private static CompletableFuture<Simulation<Bytes>> revertOf(CompletableFuture<Bytes> call) {
    return call.handle(
        (data, failure) -> {
          if (failure == null) {
            return new Simulation.Passed<>(data);
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof NodeException node && node.revertData().isPresent()) {
            return new Simulation.Reverted<>(EntryPointRevert.decode(node.revertData().get()));
          }
          throw failure instanceof CompletionException completion
              ? completion
              : new CompletionException(failure);
        });
  }

  private static String describe(Simulation<Bytes> outcome) {
    return switch (outcome) {
      case Simulation.Passed<Bytes>(Bytes data) -> "returned " + data;
      case Simulation.Reverted<Bytes>(EntryPointRevert revert) -> revert.describe();
    };
  }
}
