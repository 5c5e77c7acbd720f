package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;

/**
 * Reads what the chain knows of a grant the {@link GrantCache} does not hold, or of the parts of a
 * partial grant an operation needs, for the next operations of that session: the {@link
 * SessionKeyPrevalidator} asks on a miss and goes on at once (the operation itself goes to
 * simulation). What is learnt is put into the cache when the node answers.
 */
@FunctionalInterface
public interface GrantLoader {

  /** Loads nothing. */
  GrantLoader NONE = (key, op) -> {};

  /**
   * A loader handing every key to each of {@code loaders} in order; each reads only the keys of
   * the modules it knows, so one format's loader never sees another's keys as its own.
   */
  static GrantLoader all(List<GrantLoader> loaders) {
    List<GrantLoader> each = List.copyOf(loaders);
    return (key, op) -> each.forEach(loader -> loader.load(key, op));
  }

  /**
   * Starts loading {@code key}'s grant, with what {@code op} (an operation using it) needs
   * judged, and returns without waiting; ignores keys of modules it does not read; never throws.
   */
  void load(GrantKey key, PackedUserOperation op);
}
