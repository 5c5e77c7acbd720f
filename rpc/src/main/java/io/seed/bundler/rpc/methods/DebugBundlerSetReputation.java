package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationEntry;
import io.seed.bundler.mempool.reputation.ReputationStatus;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import io.seed.bundler.rpc.wire.HexJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code debug_bundler_setReputation(reputations, entryPoint)}: sets {@code opsSeen} and {@code
 * opsIncluded} of the listed entities; answers {@code "ok"}. Each entry is {@code {address,
 * opsSeen, opsIncluded}}; the counts may be hex quantities (as the spec tests send them now) or
 * JSON numbers (as they used to). A {@code status}, as a dump carries it, is allowed and ignored:
 * the status always follows from the counts.
 */
public final class DebugBundlerSetReputation extends NamedMethod {
  private static final Set<String> FIELDS = Set.of("address", "opsSeen", "opsIncluded", "status");

  private final SupportedEntryPoints entryPoints;
  private final Reputation reputation;

  /** Sets counts in {@code reputation} for the {@code entryPoints} served. */
  public DebugBundlerSetReputation(SupportedEntryPoints entryPoints, Reputation reputation) {
    super("debug_bundler_setReputation");
    this.entryPoints = Objects.requireNonNull(entryPoints, "entryPoints");
    this.reputation = Objects.requireNonNull(reputation, "reputation");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(2, 2);
    JsonNode list = request.requiredParam(0, "reputations");
    if (!list.isArray()) {
      throw RpcException.invalidParams("invalid parameter 'reputations': must be an array");
    }
    EntryPoint entryPoint = entryPoints.resolve(request.requiredParam(1, "entryPoint"));
    List<ReputationEntry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(list.get(i), "reputations[" + i + "]"));
    }
    reputation.set(entryPoint, entries);
    return DebugResults.OK;
  }

  private static ReputationEntry entry(JsonNode json, String where) {
    if (!json.isObject()) {
      throw RpcException.invalidParams("invalid " + where + ": must be an object");
    }
    json.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw RpcException.invalidParams("invalid " + where + ": unknown field '" + name + "'");
      }
    });
    Address address = HexJson.address(json.get("address"), where + " field 'address'");
    // The status is not read by Reputation#set; OK only fills the record.
    return new ReputationEntry(
        address, count(json.get("opsSeen"), where + " field 'opsSeen'"),
        count(json.get("opsIncluded"), where + " field 'opsIncluded'"), ReputationStatus.OK);
  }

  private static long count(JsonNode node, String what) {
    if (node != null && node.isIntegralNumber()) {
      if (!node.canConvertToLong() || node.longValue() < 0) {
        throw RpcException.invalidParams("invalid " + what + ": must be a count from 0 to 2^63-1");
      }
      return node.longValue();
    }
    return HexJson.quantity(node, Long.SIZE - 1, what).longValueExact();
  }
}
