package io.seed.bundler.core.sessionkey;

/**
 * Reads what the chain knows of a grant the {@link GrantCache} does not hold, for the next
 * operations of that session: the {@link SessionKeyPrevalidator} asks on a miss and goes on at
 * once (the operation itself goes to simulation). What is learnt is put into the cache when the
 * node answers.
 */
@FunctionalInterface
public interface GrantLoader {

  /** Loads nothing. */
  GrantLoader NONE = key -> {};

  /** Starts loading {@code key}'s grant and returns without waiting; never throws. */
  void load(GrantKey key);
}
