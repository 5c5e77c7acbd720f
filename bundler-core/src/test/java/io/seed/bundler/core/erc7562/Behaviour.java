package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.types.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * One behaviour a rule entity (e2e/contracts/erc7562) runs during validation: a name the
 * contracts know (e.g. {@code "GAS"}, {@code "SENDER_TOKEN_WRITE"}) and the frame it runs in.
 * Encoded as the entry byte followed by the name's ASCII.
 */
record Behaviour(Entry entry, String name) {
  /** A behaviour that does nothing: the entity only does its job. */
  static final Behaviour NONE = new Behaviour(Entry.DIRECT, "NOTHING");

  /** How the entity reaches the code of the behaviour. */
  enum Entry {
    /** In the entity's own frame. */
    DIRECT,
    /** In RuleTarget's frame, reached by CALL. */
    CALL,
    /** RuleTarget's code in the entity's frame, reached by DELEGATECALL. */
    DELEGATECALL
  }

  Bytes encode() {
    return Bytes.concat(
        Bytes.wrap(new byte[] {(byte) entry.ordinal()}),
        Bytes.wrap(name.getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public String toString() {
    return name + " by " + entry;
  }
}
