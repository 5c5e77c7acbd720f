package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import java.util.Map;
import java.util.Objects;

/**
 * From call key (call type, target, selector) to the rules a matching call must all pass: one hash
 * look-up per call, however many permissions the grant holds. Where no exact key matches, the
 * zero-address target may stand for any target (Kernel CallPolicy), and a fallback may cover
 * every other call (Smart Sessions' generic fallback action); a call matching nothing is out of
 * scope.
 */
public final class PermissionTree {
  private final Map<CallKey, CallPermission> permissions;
  private final boolean zeroTargetMatchesAny;
  private final CallPermission fallback;

  private PermissionTree(
      Map<CallKey, CallPermission> permissions,
      boolean zeroTargetMatchesAny,
      CallPermission fallback) {
    this.permissions = Map.copyOf(permissions);
    this.zeroTargetMatchesAny = zeroTargetMatchesAny;
    this.fallback = fallback;
  }

  /** A tree whose zero-address entries match any target (Kernel CallPolicy). */
  public static PermissionTree withTargetWildcard(Map<CallKey, CallPermission> permissions) {
    return new PermissionTree(permissions, true, null);
  }

  /** A tree with exact keys and an optional fallback for every other call (Smart Sessions). */
  public static PermissionTree withFallback(
      Map<CallKey, CallPermission> permissions, CallPermission fallback) {
    return new PermissionTree(permissions, false, fallback);
  }

  /** The permission covering {@code key}, or null when the call is out of scope. */
  public CallPermission find(CallKey key) {
    CallPermission exact = permissions.get(key);
    if (exact != null) {
      return exact;
    }
    if (zeroTargetMatchesAny && !key.target().equals(Address.ZERO)) {
      CallPermission any = permissions.get(key.anyTarget());
      if (any != null) {
        return any;
      }
    }
    return fallback;
  }

  /** Number of keyed permissions (the fallback not counted). */
  public int size() {
    return permissions.size();
  }

  /** The keyed permissions. */
  public Map<CallKey, CallPermission> permissions() {
    return permissions;
  }

  /** True when the zero-address target stands for any target. */
  public boolean zeroTargetMatchesAny() {
    return zeroTargetMatchesAny;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PermissionTree that
        && zeroTargetMatchesAny == that.zeroTargetMatchesAny
        && permissions.equals(that.permissions)
        && Objects.equals(fallback, that.fallback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(permissions, zeroTargetMatchesAny, fallback);
  }
}
