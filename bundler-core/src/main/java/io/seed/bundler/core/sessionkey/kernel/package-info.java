/**
 * ZeroDev Kernel v3 permission validation (EntryPoint v0.7): the nonce that selects a permission,
 * the policy-signature prefix before the signer's signature, enable mode carrying the whole
 * permission, and the ZeroDev signer and policies (ECDSASigner, CallPolicy, TimestampPolicy,
 * GasPolicy, RateLimitPolicy, SudoPolicy) decoded into a {@link
 * io.seed.bundler.core.sessionkey.SessionGrant}.
 */
package io.seed.bundler.core.sessionkey.kernel;
