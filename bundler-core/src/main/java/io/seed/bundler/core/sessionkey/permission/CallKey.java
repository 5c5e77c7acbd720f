package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import java.util.Objects;

/** What a permission is looked up by: call type, target and the 4-byte selector. */
public record CallKey(CallType type, Address target, int selector) {
  public CallKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(target, "target");
  }

  /** The same key with the zero address as target: the wildcard entry some formats allow. */
  public CallKey anyTarget() {
    return new CallKey(type, Address.ZERO, selector);
  }

  /** The selector as {@code 0x}-prefixed 8-digit hex. */
  public String selectorHex() {
    return String.format("0x%08x", selector);
  }
}
