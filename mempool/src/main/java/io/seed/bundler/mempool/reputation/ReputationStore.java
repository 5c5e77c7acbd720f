package io.seed.bundler.mempool.reputation;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where {@link Reputation} keeps its counts across restarts. Implementations write each call
 * atomically; {@link Reputation} calls them one at a time.
 */
public interface ReputationStore {

  /** Keeps nothing: reputation that lives only in memory. */
  ReputationStore NONE =
      new ReputationStore() {
        @Override
        public List<ReputationRecord> load() {
          return List.of();
        }

        @Override
        public OptionalLong decayedThroughHour() {
          return OptionalLong.empty();
        }

        @Override
        public void write(Collection<ReputationRecord> records, long decayedThroughHour) {}
      };

  /** Every stored record. */
  List<ReputationRecord> load();

  /**
   * The hour (hours since the epoch) through which the stored counts are decayed; empty when
   * nothing was ever stored.
   */
  OptionalLong decayedThroughHour();

  /**
   * Stores {@code records} (an {@link ReputationRecord#isEmpty() empty} one deletes the entity's
   * counts) and the decay hour, all at once.
   *
   * @throws RuntimeException when they could not be written; then none of it was
   */
  void write(Collection<ReputationRecord> records, long decayedThroughHour);
}
