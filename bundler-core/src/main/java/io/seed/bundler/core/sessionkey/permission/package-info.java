/**
 * The format-neutral scope model: calls decoded from an operation, the {@link
 * io.seed.bundler.core.sessionkey.permission.PermissionTree} from call key to the rules that must
 * all pass, argument conditions, value limits, stateful budgets, and the per-operation {@link
 * io.seed.bundler.core.sessionkey.permission.Evaluation} that counts what pending operations
 * already consumed.
 */
package io.seed.bundler.core.sessionkey.permission;
