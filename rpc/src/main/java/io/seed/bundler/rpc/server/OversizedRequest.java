package io.seed.bundler.rpc.server;

/**
 * Passed down the pipeline in place of a request whose body exceeded the limit, so that the 413
 * answer takes its turn behind the responses still owed on the connection.
 *
 * @param keepAlive whether the connection can serve the next request after the answer
 */
record OversizedRequest(boolean keepAlive) {}
