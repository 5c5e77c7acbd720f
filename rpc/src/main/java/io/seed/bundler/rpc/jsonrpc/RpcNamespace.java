package io.seed.bundler.rpc.jsonrpc;

import java.util.Locale;

/** A namespace of methods that is enabled or disabled as a whole. */
public enum RpcNamespace {
  ETH("eth"),
  WEB3("web3"),
  DEBUG_BUNDLER("debug_bundler");

  private final String prefix;

  RpcNamespace(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix of its method names, without the trailing underscore. */
  public String prefix() {
    return prefix;
  }

  /** True when {@code methodName} belongs to this namespace. */
  public boolean owns(String methodName) {
    return methodName.length() > prefix.length() + 1
        && methodName.startsWith(prefix)
        && methodName.charAt(prefix.length()) == '_';
  }

  /**
   * The namespace for a prefix as an operator writes it ({@code eth}, {@code web3}, {@code
   * debug_bundler}; any letter case).
   *
   * @throws IllegalArgumentException for an unknown prefix
   */
  public static RpcNamespace fromPrefix(String prefix) {
    String wanted = prefix.trim().toLowerCase(Locale.ROOT);
    for (RpcNamespace namespace : values()) {
      if (namespace.prefix.equals(wanted)) {
        return namespace;
      }
    }
    throw new IllegalArgumentException("unknown JSON-RPC namespace: " + prefix);
  }
}
