/**
 * Talking to the Ethereum node: the asynchronous, batching JSON-RPC client ({@link
 * io.seed.bundler.core.node.NodeClient}), its errors, the typed {@code eth_*} facade ({@link
 * io.seed.bundler.core.node.EthApi}) with its result records, state overrides, and the one place
 * where our value types become node JSON ({@link io.seed.bundler.core.node.EthJsonModule}).
 */
package io.seed.bundler.core.node;
