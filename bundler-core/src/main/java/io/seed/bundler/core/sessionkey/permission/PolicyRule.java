package io.seed.bundler.core.sessionkey.permission;

/**
 * A policy that can guard either one call (as an action policy) or the whole operation (as a
 * user-operation policy) with the same meaning: time windows, usage and value budgets, and
 * policies this bundler does not model.
 */
public sealed interface PolicyRule extends CallRule, OperationRule
    permits TimeWindowRule, UsageBudget, ValueBudget, OpaqueRule {}
