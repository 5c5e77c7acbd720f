package io.seed.bundler.core.chain;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named virtual thread that runs one step, then sleeps an interval, until stopped. A step that
 * throws is logged and the loop goes on, so a node outage only delays the work. The chain watcher
 * and the bundle builder each run on one.
 */
public final class PollingLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

  private final String name;
  private final Duration interval;
  private final Step step;
  private Thread thread;

  /** A step that may be interrupted when the loop stops. */
  @FunctionalInterface
  public interface Step {
    /** Does one round of work. */
    void run() throws InterruptedException;
  }

  /** A loop called {@code name} running {@code step} every {@code interval}. */
  public PollingLoop(String name, Duration interval, Step step) {
    this.name = Objects.requireNonNull(name, "name");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.step = Objects.requireNonNull(step, "step");
  }

  /** Starts the loop. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException(name + " already started");
    }
    thread = Thread.ofVirtual().name(name).start(this::run);
  }

  /** Stops the loop, interrupting a step in progress, and waits for it to end. */
  public void stop() throws InterruptedException {
    Thread running;
    synchronized (this) {
      running = thread;
      thread = null;
    }
    if (running != null) {
      running.interrupt();
      running.join();
    }
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        step.run();
        Thread.sleep(interval);
      } catch (InterruptedException stopped) {
        return;
      } catch (RuntimeException failure) {
        LOG.warn("{} step failed, retrying: {}", name, failure.toString());
      }
    }
  }
}
