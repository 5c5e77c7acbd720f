package io.seed.bundler.core.entrypoint;

import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runtime code of {@code EntryPointSimulations} per EntryPoint release, derived from the
 * creation code shipped in {@code entrypoint/v0.x/EntryPointSimulations.bin}: one {@code eth_call}
 * without {@code to} runs the constructor and answers the runtime code with its immutables filled
 * in (the npm artifacts' {@code deployedBytecode} has them zeroed, which breaks the v0.8 EIP-712
 * domain). The first successful derivation is kept; a failed one is tried again on the next
 * request.
 */
public final class EntryPointSimulationsCode {
  /*
   * The constructor refuses to run at block 100 (v0.7) / 1000 (v0.8) and later so that nobody
   * deploys it; a block override lets the eth_call run on any chain.
   */
  private static final Map<String, String> EARLY_BLOCK = Map.of("number", "0x1");

  private final NodeClient node;
  private final Map<EntryPointVersion, CompletableFuture<Bytes>> runtimeCodes =
      new ConcurrentHashMap<>();

  /** Derives the code through {@code node}. */
  public EntryPointSimulationsCode(NodeClient node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The shipped creation code of {@code version}. */
  public static Bytes creationCode(EntryPointVersion version) {
    if (!version.usesPackedUserOperation()) {
      throw new IllegalArgumentException("no EntryPointSimulations for EntryPoint " + version.label());
    }
    String resource = "/entrypoint/v" + version.label() + "/EntryPointSimulations.bin";
    try (InputStream in = EntryPointSimulationsCode.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The runtime code of {@code version}'s simulations contract, derived once. */
  public CompletableFuture<Bytes> runtimeCode(EntryPointVersion version) {
    CompletableFuture<Bytes> code = runtimeCodes.computeIfAbsent(version, this::derive);
    code.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            runtimeCodes.remove(version, code);
          }
        });
    return code;
  }

  private CompletableFuture<Bytes> derive(EntryPointVersion version) {
    CallRequest deployment = new CallRequest(null, null, creationCode(version), null, null);
    return node.request("eth_call", deployment, BlockTag.LATEST, StateOverrideSet.EMPTY, EARLY_BLOCK)
        .thenApply(
            json -> {
              Bytes code = Bytes.fromHex(json.asText());
              if (code.isEmpty()) {
                throw new IllegalStateException(
                    "the node returned no runtime code for EntryPointSimulations " + version.label());
              }
              return code;
            });
  }
}
