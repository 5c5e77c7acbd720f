package io.seed.bundler.rpc.methods;

import java.util.Objects;

/** {@code web3_clientVersion}: the bundler's name and version, e.g. {@code seed-bundler/0.1.0}. */
public final class Web3ClientVersion extends ConstantResultMethod {

  /** Answers with {@code version}. */
  public Web3ClientVersion(String version) {
    super("web3_clientVersion", Objects.requireNonNull(version, "version"));
  }
}
