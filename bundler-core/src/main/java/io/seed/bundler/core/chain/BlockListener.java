package io.seed.bundler.core.chain;

import io.seed.bundler.core.node.BlockHeader;
import java.util.List;

/**
 * Told by the {@link ChainWatcher} about every block it indexes and every block it finds has left
 * the canonical chain, with all the UserOperations the block includes, whoever bundled them (an
 * {@link InclusionListener} hears only of operations from this bundler's pool). Called on the
 * watcher's thread, in chain order; a block is abandoned only after it was indexed.
 */
public interface BlockListener {

  /** Listens to nothing. */
  BlockListener NONE =
      new BlockListener() {
        @Override
        public void indexed(BlockHeader block, List<IncludedOperation> operations) {}

        @Override
        public void abandoned(BlockHeader block, List<IncludedOperation> operations) {}
      };

  /** {@code block} joined the canonical chain including {@code operations}, in log order. */
  void indexed(BlockHeader block, List<IncludedOperation> operations);

  /**
   * {@code block} left the canonical chain; {@code operations} are the records of it the index
   * still held.
   */
  void abandoned(BlockHeader block, List<IncludedOperation> operations);
}
