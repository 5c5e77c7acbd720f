package io.seed.bundler.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;

/** Assertions on what a pool answers. */
final class PoolAssertions {
  private PoolAssertions() {}

  /** {@code pool} refuses {@code entry} for {@code reason} with a message holding {@code fragments}. */
  static void assertRejected(
      Mempool pool, PoolEntry entry, RejectionReason reason, String... fragments) {
    assertThatThrownBy(() -> pool.add(entry))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).contains(fragments);
            });
  }
}
