package io.seed.bundler.core.chain;

import static io.seed.bundler.core.node.NodeFutures.await;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.LogFilter;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the node's canonical chain block by block: indexes the UserOperations each block
 * includes (through the {@link InclusionRecorder}, which also takes them out of the pool), and
 * when a block turns out to have left the chain (its successor's parent hash differs) walks back
 * to the fork point, un-indexing the abandoned blocks and giving their operations back to the
 * pool. It starts at the head it first sees; earlier inclusions are found by the {@link
 * UserOperationLookup}'s log search. Every new head it sees is announced to its {@link
 * HeadListener}, every block indexed or abandoned, with all its operations, to its {@link
 * BlockListener}.
 */
public final class ChainWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ChainWatcher.class);

  private final EthApi eth;
  private final List<EntryPoint> entryPoints;
  private final InclusionRecorder recorder;
  private final IncludedOperations index;
  private final UserOperationPool pool;
  private final ChainWatcherConfig config;
  private final HeadListener heads;
  private final BlockListener blocks;
  private final Deque<BlockHeader> canonical = new ArrayDeque<>();
  /** The hash of the head last announced to {@link #heads}. */
  private Bytes32 announced;
  private final PollingLoop loop;
  // not synchronized: a poll waits on the node, which would pin a virtual thread on JDK 21
  private final ReentrantLock lock = new ReentrantLock();

  /** A watcher of {@code entryPoints} that keeps {@code index} and {@code pool} in step with the chain. */
  public ChainWatcher(
      EthApi eth,
      List<EntryPoint> entryPoints,
      InclusionRecorder recorder,
      IncludedOperations index,
      UserOperationPool pool,
      ChainWatcherConfig config) {
    this(eth, entryPoints, recorder, index, pool, config, HeadListener.NONE, BlockListener.NONE);
  }

  /**
   * A watcher of {@code entryPoints} that keeps {@code index} and {@code pool} in step with the
   * chain, tells {@code heads} about each new head and {@code blocks} about each block indexed or
   * abandoned.
   */
  public ChainWatcher(
      EthApi eth,
      List<EntryPoint> entryPoints,
      InclusionRecorder recorder,
      IncludedOperations index,
      UserOperationPool pool,
      ChainWatcherConfig config,
      HeadListener heads,
      BlockListener blocks) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.entryPoints = List.copyOf(entryPoints);
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.index = Objects.requireNonNull(index, "index");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.config = Objects.requireNonNull(config, "config");
    this.heads = Objects.requireNonNull(heads, "heads");
    this.blocks = Objects.requireNonNull(blocks, "blocks");
    this.loop = new PollingLoop("chain-watcher", config.pollInterval(), this::poll);
  }

  /** Starts polling on a virtual thread. */
  public void start() {
    loop.start();
  }

  /** Stops polling and waits for the current poll to end. */
  public void stop() throws InterruptedException {
    loop.stop();
  }

  /**
   * Catches up with the node's head: processes up to {@code maxBlocksPerPoll} new blocks and
   * unwinds any reorg it meets on the way.
   *
   * @return the number of blocks indexed
   */
  public int poll() {
    lock.lock();
    try {
      return catchUp();
    } finally {
      lock.unlock();
    }
  }

  private int catchUp() {
    BlockHeader head = await(eth.latestBlock());
    if (!head.hash().equals(announced)) {
      heads.newHead(head);
      announced = head.hash();
    }
    int indexed = 0;
    int steps = 0;
    while (indexed < config.maxBlocksPerPoll() && steps++ < 2 * config.maxBlocksPerPoll()) {
      if (canonical.isEmpty()) {
        return index(head) ? indexed + 1 : indexed;
      }
      BlockHeader last = canonical.peekLast();
      if (last.number() >= head.number()) {
        if (last.hash().equals(head.hash())) {
          return indexed;
        }
        Optional<BlockHeader> same = await(eth.getBlockByNumber(last.number()));
        if (same.isPresent() && last.hash().equals(same.get().hash())) {
          return indexed;
        }
        unwindTop();
        continue;
      }
      Optional<BlockHeader> next =
          head.number() == last.number() + 1
              ? Optional.of(head)
              : await(eth.getBlockByNumber(last.number() + 1));
      if (next.isEmpty()) {
        return indexed;
      }
      if (!next.get().parentHash().equals(last.hash())) {
        unwindTop();
        continue;
      }
      if (!index(next.get())) {
        return indexed;
      }
      indexed++;
    }
    return indexed;
  }

  /** Indexes {@code block}; false when its logs came from another block (a reorg under us). */
  private boolean index(BlockHeader block) {
    BlockTag tag = BlockTag.number(block.number());
    List<Log> logs =
        await(
            eth.getLogs(
                new LogFilter(
                    tag,
                    tag,
                    entryPoints.stream().map(EntryPoint::address).toList(),
                    List.of(List.of(EntryPointEvents.USER_OPERATION_EVENT)))));
    if (logs.stream().anyMatch(log -> !log.blockHash().equals(block.hash()))) {
      return false;
    }
    List<IncludedOperation> recorded = recorder.record(logs);
    if (!recorded.isEmpty()) {
      LOG.debug("Block {} includes {} UserOperations", block.number(), recorded.size());
    }
    canonical.addLast(block);
    blocks.indexed(block, recorded);
    while (canonical.size() > config.reorgDepth()) {
      canonical.removeFirst();
    }
    return true;
  }

  private void unwindTop() {
    BlockHeader abandoned = canonical.removeLast();
    List<IncludedOperation> removed = index.removeBlock(abandoned.hash());
    blocks.abandoned(abandoned, removed);
    LOG.info(
        "Block {} ({}) left the canonical chain; un-indexed {} UserOperations",
        abandoned.number(), abandoned.hash(), removed.size());
    if (canonical.isEmpty()) {
      LOG.warn("Reorg deeper than {} blocks; following again from the node's head",
          config.reorgDepth());
    }
    for (IncludedOperation operation : removed) {
      operation.pendingEntry().ifPresent(entry -> {
        try {
          pool.add(entry);
        } catch (UserOperationRejectedException refused) {
          LOG.info("Reorged UserOperation {} not taken back by the pool: {}",
              entry.userOpHash(), refused.getMessage());
        }
      });
    }
  }

}
