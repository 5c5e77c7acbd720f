package io.seed.bundler.rpc.jsonrpc;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods a server answers, registered in groups by namespace. A group whose namespace is not
 * enabled is left out entirely, so its methods answer {@code -32601} as if they did not exist.
 */
public final class JsonRpcMethodRegistry {
  private final Map<String, JsonRpcMethod> methods;

  private JsonRpcMethodRegistry(Map<String, JsonRpcMethod> methods) {
    this.methods = Map.copyOf(methods);
  }

  /** A builder that keeps only the groups of the {@code enabled} namespaces. */
  public static Builder builder(Set<RpcNamespace> enabled) {
    return new Builder(enabled);
  }

  /** The method registered under {@code name}. */
  public Optional<JsonRpcMethod> find(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  /** The registered method names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(methods.keySet());
  }

  /** Collects method groups; rejects a method outside its namespace and a name used twice. */
  public static final class Builder {
    private final Set<RpcNamespace> enabled;
    private final Map<String, JsonRpcMethod> methods = new HashMap<>();

    private Builder(Set<RpcNamespace> enabled) {
      this.enabled =
          enabled.isEmpty() ? EnumSet.noneOf(RpcNamespace.class) : EnumSet.copyOf(enabled);
    }

    /**
     * Adds the methods of one namespace, or nothing when that namespace is not enabled.
     *
     * @throws IllegalArgumentException when a method's name is not in {@code namespace} or is
     *     already registered
     */
    public Builder group(RpcNamespace namespace, Collection<? extends JsonRpcMethod> group) {
      for (JsonRpcMethod method : group) {
        if (!namespace.owns(method.name())) {
          throw new IllegalArgumentException(
              method.name() + " is not in the " + namespace.prefix() + " namespace");
        }
      }
      if (!enabled.contains(namespace)) {
        return this;
      }
      for (JsonRpcMethod method : group) {
        if (methods.putIfAbsent(method.name(), method) != null) {
          throw new IllegalArgumentException(method.name() + " is registered twice");
        }
      }
      return this;
    }

    /** The registry. */
    public JsonRpcMethodRegistry build() {
      return new JsonRpcMethodRegistry(methods);
    }
  }
}
