/** Benchmarks of {@code io.seed.bundler.rpc.jsonrpc}: the JSON-RPC processor without the network. */
package io.seed.bundler.bench.rpc.jsonrpc;
