/**
 * The Netty transport: HTTP/1.1 with keep-alive (JSON-RPC over POST at {@code /} and {@code
 * /rpc}), WebSocket upgrade on the same paths, plain GET routes such as {@code /health}, the body
 * limit and CORS. Requests are handed to a virtual-thread executor so no method ever runs on an
 * event loop.
 */
package io.seed.bundler.rpc.server;
