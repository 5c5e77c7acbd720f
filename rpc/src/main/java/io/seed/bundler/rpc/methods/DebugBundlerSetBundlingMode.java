package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.util.Objects;

/**
 * {@code debug_bundler_setBundlingMode("manual" | "auto")}: in manual mode bundles go out only
 * through {@code debug_bundler_sendBundleNow}; answers {@code "ok"}.
 */
public final class DebugBundlerSetBundlingMode extends NamedMethod {
  private final BundleBuilder builder;

  /** Switches the mode of {@code builder}. */
  public DebugBundlerSetBundlingMode(BundleBuilder builder) {
    super("debug_bundler_setBundlingMode");
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(1, 1);
    builder.setMode(mode(request.requiredParam(0, "mode")));
    return DebugResults.OK;
  }

  private static BundlingMode mode(JsonNode param) {
    return switch (param.isTextual() ? param.textValue() : "") {
      case "manual" -> BundlingMode.MANUAL;
      case "auto" -> BundlingMode.AUTO;
      default -> throw RpcException.invalidParams(
          "invalid parameter 'mode': expected \"manual\" or \"auto\", got " + param);
    };
  }
}
