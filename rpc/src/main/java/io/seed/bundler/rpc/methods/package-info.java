/**
 * The JSON-RPC methods of the {@code eth} and {@code web3} namespaces, one class per method named
 * after its wire name, and the EntryPoints this bundler serves.
 */
package io.seed.bundler.rpc.methods;
