/** Benchmarks of {@code io.seed.bundler.mempool}: admissions into the durable pool. */
package io.seed.bundler.bench.mempool;
