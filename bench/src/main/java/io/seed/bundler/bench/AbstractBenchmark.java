package io.seed.bundler.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark shares, so that figures of different benchmarks come from runs
 * of the same shape: one fresh JVM with native access granted (RocksDB loads a native library) and
 * a fixed 1 GiB heap, five warm-up and five measured iterations of two seconds each (the mempool
 * benchmark keeps speeding up for about ten seconds while the JIT and RocksDB settle). Command-line
 * options override them for a quick look: {@code -f 1 -wi 1 -i 2 -w 1s -r 1s}.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class AbstractBenchmark {}
