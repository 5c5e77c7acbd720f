/**
 * The JSON-RPC methods of the {@code eth}, {@code web3} and {@code debug_bundler} namespaces, one
 * class per method named after its wire name, and the EntryPoints this bundler serves.
 */
package io.seed.bundler.rpc.methods;
