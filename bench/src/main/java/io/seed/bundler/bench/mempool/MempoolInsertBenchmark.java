package io.seed.bundler.bench.mempool;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.bench.SampleOperations;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.Mempool;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.MempoolSchema;
import io.seed.bundler.mempool.RecoveryCheck;
import io.seed.bundler.mempool.StakedEntities;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.kv.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Admissions per second into the real {@link Mempool} over RocksDB, with many callers at once as
 * the JSON-RPC server produces them (one virtual thread per request). {@code DURABLE} fsyncs the
 * write-ahead log before a caller gets its answer, and group commit lets one sync cover every
 * admission that queued meanwhile; {@code UNSYNCED}, measured in the same run, is the baseline
 * that pays for the same work without the sync. The figure is admissions per second.
 *
 * <p>One invocation admits {@value #INSERTS_PER_INVOCATION} operations of senders never seen
 * before, spread over {@code callers} virtual threads; building them and emptying the pool happen
 * between invocations, outside the measurement (a profile shows the emptying too). The database
 * lives in a fresh directory under {@code directory} (default: the JVM's temporary directory); put
 * it on the disk you want to measure, not on a tmpfs.
 *
 * <p>Run: {@code ./bundler bench MempoolInsertBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar MempoolInsertBenchmark -p directory=/var/tmp}. Where the time goes:
 * add {@code -prof stack} or {@code -prof jfr}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MempoolInsertBenchmark extends AbstractBenchmark {
  private static final int INSERTS_PER_INVOCATION = 4096;
  private static final Instant RECEIVED_AT = Instant.parse("2025-01-01T00:00:00Z");

  @Param({"DURABLE", "UNSYNCED"})
  public SyncMode sync;

  @Param({"64", "256", "1024"})
  public int callers;

  @Param({""})
  public String directory;

  private final UserOperationHasher hasher = new UserOperationHasher();
  private final EntryPoint entryPoint = EntryPoint.canonical(EntryPointVersion.V0_7);
  private Path databaseDirectory;
  private RocksDbKvStore store;
  private Mempool pool;
  private ExecutorService threads;
  private List<PoolEntry> entries;
  private int nextAccount;

  @Setup(Level.Trial)
  public void open() throws IOException {
    Path parent = Path.of(directory.isEmpty() ? System.getProperty("java.io.tmpdir") : directory);
    databaseDirectory = Files.createTempDirectory(parent, "seed-bench-mempool-");
    store = RocksDbKvStore.open(databaseDirectory, MempoolSchema.SCHEMA, sync);
    MempoolConfig defaults = MempoolConfig.defaults();
    MempoolConfig config =
        new MempoolConfig(
            INSERTS_PER_INVOCATION, defaults.maxBytes(), defaults.maxOperationsPerUnstakedSender(),
            defaults.replacementFeeBumpPercent(), defaults.maxEvictionsPerAdmission(),
            defaults.recoveryParallelism());
    pool = Mempool.open(store, config, StakedEntities.NONE, RecoveryCheck.NONE);
    threads = Executors.newVirtualThreadPerTaskExecutor();
  }

  /**
   * Fresh senders and hashes for every invocation, as in production: admitting the same keys
   * again would pile up versions of them in RocksDB's memtable and measure that instead.
   */
  @Setup(Level.Invocation)
  public void prepareEntries() {
    entries = new ArrayList<>(INSERTS_PER_INVOCATION);
    for (int i = 0; i < INSERTS_PER_INVOCATION; i++) {
      PackedUserOperation op = SampleOperations.firstOperation(nextAccount++);
      entries.add(new PoolEntry(
          hasher.hash(op, entryPoint, 1), entryPoint, op, 0, 0, RECEIVED_AT, EntityStakes.NONE,
          CodeHashes.NONE, AccessedStorage.NONE));
    }
  }

  @Benchmark
  @OperationsPerInvocation(INSERTS_PER_INVOCATION)
  public void insert() throws InterruptedException, ExecutionException {
    List<Future<Void>> running = new ArrayList<>(callers);
    for (int caller = 0; caller < callers; caller++) {
      int first = caller;
      running.add(threads.submit(() -> {
        for (int i = first; i < entries.size(); i += callers) {
          admit(entries.get(i));
        }
        return null;
      }));
    }
    for (Future<Void> caller : running) {
      caller.get();
    }
  }

  @TearDown(Level.Invocation)
  public void empty() {
    pool.clear();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    threads.close();
    pool.close();
    store.close();
    try (Stream<Path> files = Files.walk(databaseDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(MempoolInsertBenchmark::delete);
    }
  }

  private void admit(PoolEntry entry) {
    try {
      pool.add(entry);
    } catch (UserOperationRejectedException e) {
      // Every entry has its own sender and the pool was emptied: a rejection is a broken setup.
      throw new IllegalStateException("the pool refused " + entry.userOpHash(), e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
