package io.seed.bundler.rpc.server;

import io.netty.handler.codec.http.FullHttpResponse;

/**
 * Passed down the pipeline in place of a request whose body exceeded the limit, so that the 413
 * answer takes its turn behind the responses still owed on the connection.
 *
 * @param response the 413 answer with its JSON-RPC error body
 * @param keepAlive whether the connection can serve the next request after the answer
 */
record OversizedRequest(FullHttpResponse response, boolean keepAlive) {}
