package io.seed.bundler.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.mempool.kv.KvColumn;
import org.junit.jupiter.api.Test;

class MempoolSchemaTest {

  @Test
  void shouldKeepPermanentIds() {
    assertThat(MempoolSchema.SCHEMA_VERSION).isEqualTo(1);
    assertThat(MempoolSchema.VERSION.id()).isZero();
    assertThat(MempoolSchema.OPERATIONS.id()).isEqualTo(1);
    assertThat(MempoolSchema.NONCE_SLOTS.id()).isEqualTo(2);
    assertThat(MempoolSchema.REPUTATION_COLUMN_ID).isEqualTo(3);
    assertThat(MempoolSchema.INCLUDED_OPERATIONS_COLUMN_ID).isEqualTo(4);
  }

  @Test
  void shouldNotUseReservedIds() {
    assertThat(MempoolSchema.SCHEMA.columns())
        .extracting(KvColumn::id)
        .doesNotContain(
            MempoolSchema.REPUTATION_COLUMN_ID, MempoolSchema.INCLUDED_OPERATIONS_COLUMN_ID);
  }
}
