/** Benchmarks of {@code io.seed.bundler.core.sessionkey.permission}: the scope check alone. */
package io.seed.bundler.bench.core.sessionkey.permission;
