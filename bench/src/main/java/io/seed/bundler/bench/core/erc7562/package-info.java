/** Benchmarks of {@code io.seed.bundler.core.erc7562}: what safe mode's trace costs. */
package io.seed.bundler.bench.core.erc7562;
