/**
 * Following the chain: indexing the UserOperations that blocks include (ours and other
 * bundlers'), taking them out of the pool, undoing that on reorgs, and answering by-hash look-ups
 * and ERC-7769 receipts from the index or, failing that, from the node's logs.
 */
package io.seed.bundler.core.chain;
