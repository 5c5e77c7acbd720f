package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;

/**
 * Reads from a UserOperation's call data what its execution changes in the session grants of its
 * account: installs, uninstalls and revocations, many of which emit no event. Asked only about
 * operations whose execution succeeded (a reverted execution changes nothing).
 */
@FunctionalInterface
public interface GrantChangeReader {

  /** The changes {@code op}, executed through {@code entryPoint} on {@code chainId}, made, in order. */
  List<GrantChange> changes(PackedUserOperation op, EntryPoint entryPoint, long chainId);

  /** A reader reporting what each of {@code readers} reads, in their order. */
  static GrantChangeReader all(List<GrantChangeReader> readers) {
    List<GrantChangeReader> each = List.copyOf(readers);
    return (op, entryPoint, chainId) -> each.stream()
        .flatMap(reader -> reader.changes(op, entryPoint, chainId).stream())
        .toList();
  }
}
