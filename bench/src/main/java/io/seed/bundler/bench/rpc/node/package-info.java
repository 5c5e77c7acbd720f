/** Benchmarks of a whole bundler node over its socket, with a real chain behind it. */
package io.seed.bundler.bench.rpc.node;
