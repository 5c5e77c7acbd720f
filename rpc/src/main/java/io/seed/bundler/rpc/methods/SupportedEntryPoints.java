package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import io.seed.bundler.rpc.wire.HexJson;
import java.util.List;
import java.util.Optional;

/** The EntryPoints (v0.7 and v0.8) this bundler accepts operations for, in the operator's order. */
public final class SupportedEntryPoints {
  private final List<EntryPoint> entryPoints;

  /**
   * The given EntryPoints.
   *
   * @throws IllegalArgumentException when the list is empty, names an address twice or holds an
   *     EntryPoint v0.6, whose operations this bundler does not validate
   */
  public SupportedEntryPoints(List<EntryPoint> entryPoints) {
    if (entryPoints.isEmpty()) {
      throw new IllegalArgumentException("a bundler serves at least one EntryPoint");
    }
    for (EntryPoint entryPoint : entryPoints) {
      if (!entryPoint.version().usesPackedUserOperation()) {
        throw new IllegalArgumentException(
            "EntryPoint " + entryPoint.version().label() + " at " + entryPoint.address()
                + " is not supported: only v0.7 and v0.8 operations are validated");
      }
    }
    if (entryPoints.stream().map(EntryPoint::address).distinct().count() != entryPoints.size()) {
      throw new IllegalArgumentException("an EntryPoint address is listed twice");
    }
    this.entryPoints = List.copyOf(entryPoints);
  }

  /** Every supported EntryPoint. */
  public List<EntryPoint> all() {
    return entryPoints;
  }

  /** The supported EntryPoint at {@code address}. */
  public Optional<EntryPoint> find(Address address) {
    return entryPoints.stream().filter(e -> e.address().equals(address)).findFirst();
  }

  /**
   * Reads the {@code entryPoint} parameter of a method.
   *
   * @throws RpcException {@code -32602} when it is not an address or not a supported EntryPoint
   */
  public EntryPoint resolve(JsonNode param) {
    Address address = HexJson.address(param, "parameter 'entryPoint'");
    return find(address)
        .orElseThrow(
            () -> RpcException.invalidParams(
                "unsupported EntryPoint " + HexJson.address(address) + "; supported: "
                    + String.join(", ", entryPoints.stream()
                        .map(e -> HexJson.address(e.address())).toList())));
  }
}
