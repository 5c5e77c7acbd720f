package io.seed.bundler.core.erc7562;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.EntryPointSimulationsCodec;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the node's tracing support and holds the tracer; the rules engine. Validation in safe
 * mode is one {@code debug_traceCall} of {@code simulateValidation} with the collector tracer
 * ({@code erc7562/collector.js}), whose result carries the call's output as well, then the
 * ERC-7562 rules on the trace, then, when an operation enters the pool, one {@code eth_call} for
 * the code hashes of the contracts the trace touched (COD-010).
 *
 * <p>The JavaScript collector is used on every node. It is tested on anvil; it keeps to the
 * tracer API geth shares (stack values read only through {@code Number()} and {@code
 * toString(16)}), but no geth was at hand to run it on. A node's native {@code erc7562Tracer} is
 * detected and logged, not used: a parser of its output could not be tested against a real node.
 */
public final class SafeMode {
  private static final Logger LOG = LoggerFactory.getLogger(SafeMode.class);
  private static final String TRACER_RESOURCE = "/erc7562/collector.js";
  private static final String NATIVE_TRACER = "erc7562Tracer";

  private final NodeClient node;
  private final SafeModeConfig config;
  private final String tracer;
  private final CodeHashReader codeHashes;
  private final Semaphore traceSlots;

  private SafeMode(NodeClient node, SafeModeConfig config, String tracer) {
    this.node = node;
    this.config = config;
    this.tracer = tracer;
    this.codeHashes = new CodeHashReader(new EthApi(node));
    this.traceSlots = new Semaphore(config.maxConcurrentTraces(), true);
  }

  /**
   * Probes the node once (debug_traceCall support); fails with IllegalStateException, naming the
   * missing capability, when the node cannot trace (then the operator must pass --unsafe).
   */
  public static CompletableFuture<SafeMode> detect(NodeClient node, SafeModeConfig config) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(config, "config");
    String tracer = loadTracer();
    CallRequest probe = CallRequest.to(Address.ZERO, Bytes.EMPTY);
    CompletableFuture<JsonNode> collector =
        node.request("debug_traceCall", probe, BlockTag.LATEST, Map.of("tracer", tracer));
    CompletableFuture<Boolean> nativeTracer =
        node.request("debug_traceCall", probe, BlockTag.LATEST, Map.of("tracer", NATIVE_TRACER))
            .handle((result, failure) -> failure == null);
    return collector
        .handle(
            (result, failure) -> {
              if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                throw new IllegalStateException(
                    "the node cannot run debug_traceCall with a JavaScript tracer, which safe mode "
                        + "needs to enforce ERC-7562 (" + cause.getMessage() + "); run with "
                        + "--unsafe to skip the rules",
                    cause);
              }
              TraceParser.parse(result);
              return new SafeMode(node, config, tracer);
            })
        .thenCombine(
            nativeTracer,
            (safeMode, hasNative) -> {
              LOG.info(
                  "Safe mode: ERC-7562 rules on the {} tracer (native {}: {})",
                  safeMode.tracerName(), NATIVE_TRACER, hasNative ? "available, unused" : "absent");
              return safeMode;
            });
  }

  /** The tracer validation runs under. */
  public String tracerName() {
    return "javascript collector";
  }

  /**
   * Traces {@code simulateValidation(op)} on {@code entryPoint}, with {@code simulationsCode} put
   * at the EntryPoint's address by state override, as the plain simulation does.
   *
   * <p>Blocks the calling thread (validation runs on virtual threads) while {@link
   * SafeModeConfig#maxConcurrentTraces} traces are at the node, so a burst queues here, in
   * arrival order, rather than at the node against the client's timeout.
   *
   * @return the decoded outcome and the trace; failed with {@link InterruptedException} when the
   *     thread was interrupted while waiting
   */
  public CompletableFuture<TracedValidation> trace(
      PackedUserOperation op, EntryPoint entryPoint, Bytes simulationsCode) {
    try {
      traceSlots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
    CallRequest call =
        CallRequest.to(entryPoint.address(), EntryPointSimulationsCodec.encodeSimulateValidation(op));
    StateOverrideSet overrides =
        StateOverrideSet.of(entryPoint.address(), AccountOverride.code(simulationsCode));
    return node.request(
            "debug_traceCall", call, BlockTag.LATEST,
            Map.of("tracer", tracer, "stateOverrides", overrides))
        .thenApply(
            json -> {
              ValidationTrace trace = TraceParser.parse(json);
              Simulation<ValidationResult> outcome =
                  trace.reverted()
                      ? new Simulation.Reverted<>(EntryPointRevert.decode(trace.output()))
                      : new Simulation.Passed<>(
                          EntryPointSimulationsCodec.decodeValidationResult(trace.output()));
              return new TracedValidation(outcome, trace);
            })
        .whenComplete((traced, failure) -> traceSlots.release());
  }

  /**
   * Judges {@code trace} of a simulation that passed, whose entities have {@code stakes}, by the
   * ERC-7562 rules.
   *
   * @return the contracts whose storage the validation used
   * @throws UserOperationRejectedException at the first rule the trace breaks
   */
  public AccessedStorage check(
      PackedUserOperation op, EntryPoint entryPoint, EntityStakes stakes, ValidationTrace trace)
      throws UserOperationRejectedException {
    return new ValidationRules(
            entryPoint.address(), op.sender(), op.factory(), op.paymaster(), stakes,
            config, trace.keccakPreimages())
        .check(trace.frames());
  }

  /**
   * Reads the code hashes of every contract the validation in {@code trace} touched and of the
   * operation's entities, in one {@code eth_call} [COD-010].
   *
   * @return the code hashes to re-check before bundling
   */
  public CodeHashes codeHashes(
      PackedUserOperation op, EntryPoint entryPoint, ValidationTrace trace) {
    Set<Address> touched = new LinkedHashSet<>();
    touched.add(op.sender());
    if (op.factory() != null) {
      touched.add(op.factory());
    }
    if (op.paymaster() != null) {
      touched.add(op.paymaster());
    }
    touched.addAll(trace.codeAddresses());
    touched.remove(entryPoint.address());
    return NodeFutures.await(codeHashes.read(touched));
  }

  private static String loadTracer() {
    try (InputStream in = SafeMode.class.getResourceAsStream(TRACER_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TRACER_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + TRACER_RESOURCE, e);
    }
  }
}
