/**
 * secp256k1 signature checks for session keys: signatures parsed as the ecrecover precompile
 * reads them, and verification against a session key's cached public key with precomputed
 * multiplication tables instead of a generic recovery.
 */
package io.seed.bundler.core.sessionkey.crypto;
