/**
 * JSON-RPC 2.0 independent of the transport: the request, the method interface and its registry
 * grouped by namespace, the processor that dispatches single and batch payloads, and the error
 * codes (JSON-RPC and ERC-7769) with the one mapping from a rejection reason to its code.
 */
package io.seed.bundler.rpc.jsonrpc;
