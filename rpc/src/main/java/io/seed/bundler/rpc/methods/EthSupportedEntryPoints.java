package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.wire.HexJson;

/** {@code eth_supportedEntryPoints}: the EntryPoint addresses, checksummed, in configured order. */
public final class EthSupportedEntryPoints extends ConstantResultMethod {

  /** Answers with the addresses of {@code entryPoints}. */
  public EthSupportedEntryPoints(SupportedEntryPoints entryPoints) {
    super(
        "eth_supportedEntryPoints",
        entryPoints.all().stream().map(e -> HexJson.address(e.address())).toList());
  }
}
