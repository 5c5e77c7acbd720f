/** Benchmarks of {@code io.seed.bundler.rpc.jsonrpc}: the JSON-RPC processor, no network. */
package io.seed.bundler.bench.rpc.jsonrpc;
