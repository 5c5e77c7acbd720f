package io.seed.bundler.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.mempool.kv.KvColumn;
import org.junit.jupiter.api.Test;

class MempoolSchemaTest {

  @Test
  void shouldKeepPermanentIds() {
    assertThat(MempoolSchema.SCHEMA_VERSION).isEqualTo(1);
    assertThat(MempoolSchema.VERSION.id()).isZero();
    assertThat(MempoolSchema.REPUTATION_DECAYED_THROUGH.id()).isEqualTo(1);
    assertThat(MempoolSchema.OPERATIONS.id()).isEqualTo(1);
    assertThat(MempoolSchema.NONCE_SLOTS.id()).isEqualTo(2);
    assertThat(MempoolSchema.REPUTATION.id()).isEqualTo(MempoolSchema.REPUTATION_COLUMN_ID).isEqualTo(3);
    assertThat(MempoolSchema.INCLUDED_OPERATIONS.id())
        .isEqualTo(MempoolSchema.INCLUDED_OPERATIONS_COLUMN_ID)
        .isEqualTo(4);
  }

  @Test
  void shouldOpenEveryColumn() {
    assertThat(MempoolSchema.SCHEMA.columns())
        .extracting(KvColumn::id)
        .containsExactly(1, 2, 3, 4);
  }
}
