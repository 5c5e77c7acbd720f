package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.BundleNotMinedException;
import io.seed.bundler.core.builder.MinedBundle;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.jsonrpc.RpcError;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.util.List;
import java.util.Objects;

/**
 * {@code debug_bundler_sendBundleNow}: builds a bundle per EntryPoint from what the pool holds,
 * sends it and waits until it is mined. Answers the hash of the last mined bundle transaction, or
 * {@code "ok"} when there was nothing to bundle (as the reference bundler does; the spec tests
 * only demand a truthy result, and call this with an empty pool too).
 */
public final class DebugBundlerSendBundleNow extends NamedMethod {
  private final BundleBuilder builder;

  /** Bundles through {@code builder}. */
  public DebugBundlerSendBundleNow(BundleBuilder builder) {
    super("debug_bundler_sendBundleNow");
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    List<MinedBundle> mined;
    try {
      mined = builder.sendBundleNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException(
          RpcError.INTERNAL_ERROR, "interrupted while waiting for the bundle to be mined");
    } catch (BundleNotMinedException e) {
      throw new RpcException(RpcError.INTERNAL_ERROR, "bundle not mined: " + e.getMessage());
    }
    return mined.isEmpty() ? DebugResults.OK : mined.getLast().transactionHash().toHex();
  }
}
