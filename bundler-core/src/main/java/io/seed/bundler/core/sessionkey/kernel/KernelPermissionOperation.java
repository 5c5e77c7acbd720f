package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionOperation;
import io.seed.bundler.core.sessionkey.SignatureCheck;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Optional;

/**
 * One Kernel v3 permission operation: its grant-carrying enable data (if any) and the permission
 * signature {@code (index ‖ uint64 length ‖ policySignature)* ‖ 0xff ‖ signerSignature}.
 */
final class KernelPermissionOperation implements SessionOperation {
  private static final int SIGNER_PREFIX = 0xff;

  private final PackedUserOperation op;
  private final SessionGrant enabled;
  private final Bytes permissionSignature;

  KernelPermissionOperation(PackedUserOperation op, SessionGrant enabled, Bytes signature) {
    this.op = op;
    this.enabled = enabled;
    this.permissionSignature = signature;
  }

  @Override
  public Optional<SessionGrant> enabledGrant() {
    return Optional.ofNullable(enabled);
  }

  @Override
  public String checkScope(SessionGrant grant, Evaluation evaluation) {
    signerSignature(grant);
    List<Call> calls = List.of();
    if (grant.permissions() != null) {
      calls = Erc7579Execution.decode(op.callData()).calls();
      String violation = CallPolicyScope.check(grant.permissions(), calls, evaluation);
      if (violation != null) {
        return violation;
      }
    }
    return grant.checkOperationRules(op, calls, evaluation);
  }

  @Override
  public SignatureCheck checkSignature(
      SessionGrant grant, byte[] userOpHash, SignerVerification signers) {
    return signers.check(grant.signer(), signerSignature(grant), userOpHash);
  }

  /** Walks the policy-signature prefix as Kernel does and returns what follows the 0xff. */
  private Bytes signerSignature(SessionGrant grant) {
    Bytes rest = permissionSignature;
    for (int policy = 0; policy < grant.policySignatureSlots(); policy++) {
      if (rest.isEmpty()) {
        throw SessionKeyDecodingException.reverts("permission signature ends before 0xff");
      }
      int index = rest.get(0) & 0xff;
      if (index == policy) {
        if (rest.length() < 9) {
          throw SessionKeyDecodingException.reverts("policy signature length is cut off");
        }
        long length = 0;
        for (int i = 1; i < 9; i++) {
          length = length << 8 | (rest.get(i) & 0xff);
        }
        if (length < 0 || length > rest.length() - 9) {
          throw SessionKeyDecodingException.reverts("policy signature overruns the signature");
        }
        rest = rest.slice(9 + (int) length, rest.length());
      } else if (index < policy) {
        throw SessionKeyDecodingException.reverts("policy signatures out of order");
      }
    }
    if (rest.isEmpty() || (rest.get(0) & 0xff) != SIGNER_PREFIX) {
      throw SessionKeyDecodingException.reverts("signer signature must follow a 0xff prefix");
    }
    return rest.slice(1, rest.length());
  }
}
