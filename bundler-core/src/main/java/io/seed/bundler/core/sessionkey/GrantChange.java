package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.types.Address;

/** What an executed UserOperation did to the session grants of its account; no part is null. */
public sealed interface GrantChange {

  /** The operation installed {@code grant}, replacing whatever its key held. */
  record Installed(SessionGrant grant) implements GrantChange {}

  /** The operation uninstalled the grant under {@code key}: its operations now revert. */
  record Uninstalled(GrantKey key) implements GrantChange {}

  /**
   * The operation changed the grant under {@code key} in a way this bundler cannot decode (an
   * install it does not model): whatever is cached for it is stale.
   */
  record Unreadable(GrantKey key) implements GrantChange {}

  /**
   * The operation may have changed any grant of {@code account} (a nonce invalidation, an upgrade,
   * a module change, a call the account made to itself that is not modelled, a delegatecall).
   */
  record AccountReconfigured(Address account) implements GrantChange {}
}
