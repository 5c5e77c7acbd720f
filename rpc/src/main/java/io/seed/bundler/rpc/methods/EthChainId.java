package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.wire.HexJson;

/** {@code eth_chainId}: the chain this bundler serves, as a quantity. */
public final class EthChainId extends ConstantResultMethod {

  /** Answers with {@code chainId}. */
  public EthChainId(long chainId) {
    super("eth_chainId", HexJson.quantity(chainId));
  }
}
