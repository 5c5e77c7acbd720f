/**
 * In-memory pre-validation of session-key UserOperations (ZeroDev Kernel v3 permissions, Smart
 * Sessions): {@link io.seed.bundler.core.sessionkey.SessionKeyPrevalidator} decodes an operation,
 * finds its {@link io.seed.bundler.core.sessionkey.SessionGrant} in the {@link
 * io.seed.bundler.core.sessionkey.GrantCache} or in the operation's own enable data, and rejects
 * what the chain would reject, with no I/O. Anything not rejected still goes to simulation. The
 * cache is fed by simulated enable data, by the {@link
 * io.seed.bundler.core.sessionkey.GrantObserver} (installs, revocations and spent counters of
 * every included operation, reorgs) and by a {@link io.seed.bundler.core.sessionkey.GrantLoader}
 * that reads grants from the chain on a miss, and the calls a grant read so far lacks.
 */
package io.seed.bundler.core.sessionkey;
