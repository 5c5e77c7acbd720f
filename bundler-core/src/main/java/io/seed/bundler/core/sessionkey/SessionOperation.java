package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import java.util.Optional;

/** A decoded session-key operation, ready to be judged against a grant. */
public interface SessionOperation {

  /** The grant the operation's own enable data installs, if it carries one. */
  Optional<SessionGrant> enabledGrant();

  /**
   * Checks everything that makes validation revert: the calls against the grant's permission
   * tree, the whole-operation rules and the format's own gates, recording stateful consumption
   * and policy windows in {@code evaluation}.
   *
   * @return null when nothing is violated, else the violation, naming the call and the rule
   * @throws SessionKeyDecodingException when the call data or signature layout is malformed
   */
  String checkScope(SessionGrant grant, Evaluation evaluation);

  /**
   * Checks the session key's signature over {@code userOpHash} as the grant's signer contract
   * does.
   *
   * @throws SessionKeyDecodingException when the signature is malformed such that the contract
   *     reverts
   */
  SignatureCheck checkSignature(SessionGrant grant, byte[] userOpHash, SignerVerification signers);
}
