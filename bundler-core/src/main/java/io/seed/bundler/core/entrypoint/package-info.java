/**
 * Talking to an EntryPoint v0.7 / v0.8: its simulation functions run through {@code eth_call} with
 * the {@code EntryPointSimulations} code put at the EntryPoint's address by state override, and its
 * read calls (nonce, deposit, counterfactual sender address).
 */
package io.seed.bundler.core.entrypoint;
