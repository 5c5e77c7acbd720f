package io.seed.bundler.rpc.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C or SIGTERM into an orderly stop: the JVM's shutdown hook wakes the command, then
 * holds the JVM until the command has closed what it started (anvil, RocksDB, the server).
 */
final class ShutdownSignal {
  private static final long MAX_STOP_SECONDS = 30;

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  private ShutdownSignal() {}

  static ShutdownSignal register() {
    ShutdownSignal signal = new ShutdownSignal();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signal.requested.countDown();
                  try {
                    signal.finished.await(MAX_STOP_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "bundler-shutdown"));
    return signal;
  }

  /** Blocks until the process is asked to stop. */
  void await() throws InterruptedException {
    requested.await();
  }

  /** Everything is closed; the JVM may exit. */
  void finished() {
    finished.countDown();
  }
}
