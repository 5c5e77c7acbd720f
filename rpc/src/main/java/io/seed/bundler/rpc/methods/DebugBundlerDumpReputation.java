package io.seed.bundler.rpc.methods;

import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationEntry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.HexJson;
import java.util.Objects;

/**
 * {@code debug_bundler_dumpReputation(entryPoint)}: every entity with counts under one EntryPoint,
 * by address. Counts and status are hex quantities, the status as its number (0 ok, 1 throttled,
 * 2 banned), as the spec tests read them.
 */
public final class DebugBundlerDumpReputation extends NamedMethod {
  private final SupportedEntryPoints entryPoints;
  private final Reputation reputation;

  /** Dumps {@code reputation} for the {@code entryPoints} served. */
  public DebugBundlerDumpReputation(SupportedEntryPoints entryPoints, Reputation reputation) {
    super("debug_bundler_dumpReputation");
    this.entryPoints = Objects.requireNonNull(entryPoints, "entryPoints");
    this.reputation = Objects.requireNonNull(reputation, "reputation");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(1, 1);
    return reputation.dump(entryPoints.resolve(request.requiredParam(0, "entryPoint"))).stream()
        .map(DebugBundlerDumpReputation::wire)
        .toList();
  }

  private static Entry wire(ReputationEntry entry) {
    return new Entry(
        HexJson.address(entry.address()), HexJson.quantity(entry.opsSeen()),
        HexJson.quantity(entry.opsIncluded()), HexJson.quantity(entry.status().code()));
  }

  /** One entity, serialised in this field order. */
  record Entry(String address, String opsSeen, String opsIncluded, String status) {}
}
