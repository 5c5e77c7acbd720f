/**
 * Bundle building and submission: choosing operations from the pool, re-checking them, encoding
 * {@code handleOps}, signing and sending the EIP-1559 transaction, and following it until it is
 * mined, with fee bumps for stuck transactions.
 */
package io.seed.bundler.core.builder;
