/**
 * secp256k1 signature checks for session keys: signatures parsed as the ecrecover precompile
 * reads them, and verification against a session key's cached public key with precomputed affine
 * tables and purpose-built 5×52-bit field arithmetic instead of a generic recovery. Bouncy Castle
 * keeps the cold paths: decoding keys, recovering an unknown key, building tables, and the rare
 * sums the fast point addition cannot decide.
 */
package io.seed.bundler.core.sessionkey.crypto;
