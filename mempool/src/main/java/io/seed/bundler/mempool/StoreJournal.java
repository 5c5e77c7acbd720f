package io.seed.bundler.mempool;

import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvTransaction;
import java.util.List;

/** Writes pool changes to the store: the operation records and the nonce-slot index together. */
final class StoreJournal implements PoolJournal {
  private final KvStore store;

  StoreJournal(KvStore store) {
    this.store = store;
  }

  @Override
  public void write(List<PoolChange> changes) {
    try (KvTransaction tx = store.startTransaction()) {
      for (PoolChange change : changes) {
        for (PooledOperation op : change.removed()) {
          tx.delete(MempoolSchema.OPERATIONS, op.entry().userOpHash());
          tx.delete(MempoolSchema.NONCE_SLOTS, NonceSlot.of(op.entry()));
        }
        for (PooledOperation op : change.added()) {
          tx.put(MempoolSchema.OPERATIONS, op.entry().userOpHash(), op);
          tx.put(MempoolSchema.NONCE_SLOTS, NonceSlot.of(op.entry()), op.entry().userOpHash());
        }
      }
      tx.commit();
    }
  }
}
