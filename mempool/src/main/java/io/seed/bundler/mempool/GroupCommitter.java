package io.seed.bundler.mempool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that takes what callers submit and hands it on in groups: everything that
 * queued up while the previous group was being written goes into the next one. That is what lets
 * one write-ahead-log sync cover many operations. The processor completes the callers' futures.
 *
 * @param <T> a submitted request
 */
final class GroupCommitter<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  /** Marks the end of the queue; nothing is taken after it. */
  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final int maxGroupSize;
  private final Consumer<List<T>> processor;
  private final Thread thread;
  private final Object submitLock = new Object();
  private boolean closed;

  GroupCommitter(String threadName, int maxGroupSize, Consumer<List<T>> processor) {
    if (maxGroupSize <= 0) {
      throw new IllegalArgumentException("maxGroupSize must be positive");
    }
    this.maxGroupSize = maxGroupSize;
    this.processor = Objects.requireNonNull(processor, "processor");
    this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues {@code request} for the next group.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  void submit(T request) {
    synchronized (submitLock) {
      if (closed) {
        throw new IllegalStateException("the mempool is closed");
      }
      queue.add(request);
    }
  }

  /** Processes what was submitted before, then stops the thread. */
  @Override
  public void close() {
    synchronized (submitLock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Object> taken = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      taken.clear();
      taken.add(takeUninterruptibly());
      queue.drainTo(taken, maxGroupSize - 1);
      List<T> group = new ArrayList<>(taken.size());
      for (Object item : taken) {
        if (item == STOP) {
          stopping = true;
        } else {
          @SuppressWarnings("unchecked")
          T request = (T) item;
          group.add(request);
        }
      }
      if (!group.isEmpty()) {
        process(group);
      }
    }
  }

  private void process(List<T> group) {
    try {
      processor.accept(group);
    } catch (RuntimeException | Error e) {
      LOG.error("the mempool writer failed on a group of {} requests", group.size(), e);
    }
  }

  private Object takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Nothing interrupts this thread on purpose; close() stops it through the queue.
        LOG.warn("the mempool writer was interrupted; it keeps running until the mempool closes");
      }
    }
  }
}
