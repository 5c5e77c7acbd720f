package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.Optional;

/** One on-chain session-key scheme the pre-validator can read. */
public interface SessionKeyFormat {

  /**
   * The grant {@code op} uses, read from its nonce (and, where the nonce does not carry it, the
   * head of its signature), or empty when the operation is not of this format. Cheap, no full
   * decoding.
   */
  Optional<GrantKey> grantKey(PackedUserOperation op, EntryPoint entryPoint, long chainId);

  /**
   * True when {@link #grantKey} proves the account uses this scheme (the nonce names the module),
   * so malformed data is a certain failure; false when the nonce pattern alone could belong to
   * another account, so malformed data is judged only for accounts with a cached grant.
   */
  boolean nonceIdentifiesScheme();

  /**
   * Decodes {@code op}, already known to use {@code key}.
   *
   * @throws SessionKeyDecodingException when signature, enable data or call data is malformed
   */
  SessionOperation decode(PackedUserOperation op, GrantKey key);
}
