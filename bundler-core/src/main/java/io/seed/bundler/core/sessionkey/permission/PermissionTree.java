package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * From call key (call type, target, selector) to the rules a matching call must all pass: one hash
 * look-up per call, however many permissions the grant holds. Where no exact key matches, the
 * zero-address target may stand for any target (Kernel CallPolicy), and a fallback may cover
 * every other call (Smart Sessions' generic fallback action); a call matching nothing is out of
 * scope.
 *
 * <p>A tree decoded from enable or install data is complete. A tree read back from a module's
 * view getters may be partial: the module cannot list its permissions, so they are read key by
 * key for the calls operations make, and the tree knows which keys were read (found or not). It
 * judges only calls whose look-up consults read keys alone ({@link #covers}).
 */
public final class PermissionTree {
  private final Map<CallKey, CallPermission> permissions;
  private final boolean zeroTargetMatchesAny;
  private final CallPermission fallback;
  private final Set<CallKey> read;

  private PermissionTree(
      Map<CallKey, CallPermission> permissions,
      boolean zeroTargetMatchesAny,
      CallPermission fallback,
      Set<CallKey> read) {
    this.permissions = Map.copyOf(permissions);
    this.zeroTargetMatchesAny = zeroTargetMatchesAny;
    this.fallback = fallback;
    this.read = read == null ? null : Set.copyOf(read);
    if (this.read != null && !this.read.containsAll(this.permissions.keySet())) {
      throw new IllegalArgumentException("a partial tree must have read every key it holds");
    }
  }

  /** A tree whose zero-address entries match any target (Kernel CallPolicy). */
  public static PermissionTree withTargetWildcard(Map<CallKey, CallPermission> permissions) {
    return new PermissionTree(permissions, true, null, null);
  }

  /** A tree with exact keys and an optional fallback for every other call (Smart Sessions). */
  public static PermissionTree withFallback(
      Map<CallKey, CallPermission> permissions, CallPermission fallback) {
    return new PermissionTree(permissions, false, fallback, null);
  }

  /**
   * A partial Kernel CallPolicy tree: of the keys in {@code read}, those in {@code permissions}
   * were found, the others are known to be absent.
   */
  public static PermissionTree readWithTargetWildcard(
      Map<CallKey, CallPermission> permissions, Set<CallKey> read) {
    return new PermissionTree(permissions, true, null, read);
  }

  /**
   * A partial Smart Sessions tree: of the keys in {@code read}, those in {@code permissions} were
   * found, the others are known to be absent; {@code fallback} (read with the tree) covers absent
   * keys.
   */
  public static PermissionTree readWithFallback(
      Map<CallKey, CallPermission> permissions, CallPermission fallback, Set<CallKey> read) {
    return new PermissionTree(permissions, false, fallback, read);
  }

  /**
   * The partial tree that also knows the keys of {@code more}, a later read of the same module
   * with the same wildcard and fallback; the later read wins where both read a key.
   *
   * @throws IllegalStateException when this tree is complete
   */
  public PermissionTree extendedWith(PermissionTree more) {
    if (read == null || more.read == null) {
      throw new IllegalStateException("only partial trees are extended");
    }
    Map<CallKey, CallPermission> merged = new HashMap<>(permissions);
    merged.keySet().removeAll(more.read);
    merged.putAll(more.permissions);
    Set<CallKey> known = new HashSet<>(read);
    known.addAll(more.read);
    return new PermissionTree(merged, zeroTargetMatchesAny, more.fallback, known);
  }

  /** True when every permission is known: the tree came whole from enable or install data. */
  public boolean isComplete() {
    return read == null;
  }

  /** The keys a partial tree has read, found or not; empty for a complete tree. */
  public Set<CallKey> read() {
    return read == null ? Set.of() : read;
  }

  /**
   * True when {@link #find} can judge {@code key}: always in a complete tree; in a partial one
   * when the key was read and, where the zero target stands for any target, so was that entry.
   */
  public boolean covers(CallKey key) {
    if (read == null) {
      return true;
    }
    if (!read.contains(key)) {
      return false;
    }
    return !zeroTargetMatchesAny || key.target().equals(Address.ZERO)
        || read.contains(key.anyTarget());
  }

  /**
   * The permission covering {@code key}, or null when the call is out of scope; in a partial tree
   * meaningful only where {@link #covers} is true.
   */
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
        && Objects.equals(fallback, that.fallback)
        && Objects.equals(read, that.read);
  }

  @Override
  public int hashCode() {
    return Objects.hash(permissions, zeroTargetMatchesAny, fallback, read);
  }
}
