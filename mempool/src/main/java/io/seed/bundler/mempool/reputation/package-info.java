/**
 * ERC-7562 reputation: {@code opsSeen} and {@code opsIncluded} per entity and EntryPoint, their
 * hourly decay, the OK / THROTTLED / BANNED status computed from them, the stake an entity needs
 * to count as staked, and the limits that follow for the pool and for bundles. The pool applies
 * the admission rules; this package keeps the counts, persists them through a {@link
 * io.seed.bundler.mempool.reputation.ReputationStore}, and answers the {@code debug_bundler}
 * reputation and stake methods.
 */
package io.seed.bundler.mempool.reputation;
