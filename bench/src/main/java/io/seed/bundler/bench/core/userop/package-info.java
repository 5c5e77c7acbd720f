/** Benchmarks of {@code io.seed.bundler.core.userop}: computing the userOpHash. */
package io.seed.bundler.bench.core.userop;
