/**
 * ZeroDev Kernel v3 permission validation (EntryPoint v0.7): the nonce that selects a permission,
 * the policy-signature prefix before the signer's signature, enable mode carrying the whole
 * permission, and the ZeroDev signer and policies (ECDSASigner, CallPolicy, TimestampPolicy,
 * GasPolicy, RateLimitPolicy, SudoPolicy) decoded into a {@link
 * io.seed.bundler.core.sessionkey.SessionGrant}; the permission changes an account's executed
 * calls make ({@code installValidations}, {@code uninstallValidation}, silent revocations), and
 * the permission read back from the view functions of Kernel and its modules, CallPolicy's
 * entries key by key for the calls operations make.
 */
package io.seed.bundler.core.sessionkey.kernel;
