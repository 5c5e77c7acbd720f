/**
 * In-memory pre-validation of session-key UserOperations (ZeroDev Kernel v3 permissions, Smart
 * Sessions): {@link io.seed.bundler.core.sessionkey.SessionKeyPrevalidator} decodes an operation,
 * finds its {@link io.seed.bundler.core.sessionkey.SessionGrant} in the {@link
 * io.seed.bundler.core.sessionkey.GrantCache} or in the operation's own enable data, and rejects
 * what the chain would reject, with no I/O. Anything not rejected still goes to simulation.
 */
package io.seed.bundler.core.sessionkey;
