package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import io.seed.bundler.rpc.wire.HexJson;
import java.util.List;
import java.util.Optional;

/** The EntryPoints this bundler accepts operations for, in the operator's order. */
public final class SupportedEntryPoints {
  private final List<EntryPoint> entryPoints;

  /**
   * The given EntryPoints.
   *
   * @throws IllegalArgumentException when the list is empty or names an address twice
   */
  public SupportedEntryPoints(List<EntryPoint> entryPoints) {
    if (entryPoints.isEmpty()) {
      throw new IllegalArgumentException("a bundler serves at least one EntryPoint");
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
