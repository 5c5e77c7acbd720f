package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionOperation;
import io.seed.bundler.core.sessionkey.SignatureCheck;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One Smart Sessions operation: user-operation policies first, then every execution against the
 * actions (exact action, else the generic fallback; calls to the module itself only under its own
 * action), then the session validator's signature.
 */
final class SmartSessionOperation implements SessionOperation {
  private static final int EXECUTE_USER_OP = 0x8dd7712f;
  private static final int NO_SELECTOR = 0xffffffff;

  private final PackedUserOperation op;
  private final Address module;
  private final SessionGrant enabled;
  private final Bytes validatorSignature;

  SmartSessionOperation(PackedUserOperation op, Address module, SessionGrant enabled,
      Bytes validatorSignature) {
    this.op = op;
    this.module = module;
    this.enabled = enabled;
    this.validatorSignature = validatorSignature;
  }

  @Override
  public Optional<SessionGrant> enabledGrant() {
    return Optional.ofNullable(enabled);
  }

  @Override
  public String checkScope(SessionGrant grant, Evaluation evaluation) {
    List<Call> calls = calls();
    String operationViolation = grant.checkOperationRules(op, calls, evaluation);
    if (operationViolation != null) {
      return operationViolation;
    }
    PermissionTree tree = grant.permissions();
    for (int i = 0; i < calls.size(); i++) {
      String violation = checkCall(i, calls.get(i), tree, evaluation);
      if (violation != null) {
        return violation;
      }
    }
    return null;
  }

  @Override
  public SignatureCheck checkSignature(
      SessionGrant grant, byte[] userOpHash, SignerVerification signers) {
    return signers.check(grant.signer(), validatorSignature, userOpHash);
  }

  private String checkCall(int index, Call call, PermissionTree tree, Evaluation evaluation) {
    int selector = selector(call);
    String where = "call " + index + " to " + call.target() + " selector "
        + String.format("0x%08x", selector);
    if (call.target().equals(op.sender()) && selector == Erc7579Execution.EXECUTE) {
      return where + ": a session may not call execute on its own account";
    }
    if (call.target().equals(SessionDecoder.SPECIAL_TARGET)) {
      return where + ": address(1) is not a valid target";
    }
    CallPermission permission = null;
    if (tree != null) {
      CallKey key = actionKey(call);
      if (!tree.covers(key)) {
        evaluation.undecided(where + ": its action is not read from the chain yet");
        return null;
      }
      permission = call.target().equals(module) ? tree.permissions().get(key) : tree.find(key);
    }
    if (permission == null) {
      return where + ": no action policy permits it";
    }
    String violation = permission.check(call, evaluation);
    return violation == null ? null : where + ": " + violation;
  }

  /**
   * The action keys whose policies judge this operation's calls, in call order; empty when its
   * call data reverts before any action is looked up.
   */
  List<CallKey> actionKeys() {
    try {
      return calls().stream().map(this::actionKey).toList();
    } catch (SessionKeyDecodingException reverts) {
      return List.of();
    }
  }

  /**
   * The action guarding {@code call}: {@code (target, selector)}, the selector {@code 0xffffffff}
   * for data shorter than one; calls to the module itself only under {@code (address(1),
   * 0x00000002)}.
   */
  private CallKey actionKey(Call call) {
    if (call.target().equals(module)) {
      return new CallKey(CallType.CALL, SessionDecoder.SPECIAL_TARGET,
          SessionDecoder.MODULE_CALL_SELECTOR);
    }
    return new CallKey(CallType.CALL, call.target(), selector(call));
  }

  private static int selector(Call call) {
    return call.data().length() < 4 ? NO_SELECTOR : call.leadingSelector();
  }

  /**
   * {@code execute} with the default exec type and a single or non-empty batch call type; {@code
   * executeUserOp} reverts; any other call data is one action on the account itself.
   */
  private List<Call> calls() {
    Bytes callData = op.callData();
    if (callData.length() < 4) {
      throw SessionKeyDecodingException.reverts("call data shorter than a selector");
    }
    if (Erc7579Execution.isExecute(callData)) {
      Erc7579Execution execution = Erc7579Execution.decode(callData);
      if (execution.execType() != 0) {
        throw SessionKeyDecodingException.reverts(
            "smart sessions allow only the default exec type");
      }
      if (execution.modeCallType() == Erc7579Execution.DELEGATE) {
        throw SessionKeyDecodingException.reverts("smart sessions do not allow delegatecall");
      }
      if (execution.calls().isEmpty()) {
        throw SessionKeyDecodingException.reverts("empty batch");
      }
      return execution.calls();
    }
    Call self = new Call(CallType.CALL, op.sender(), BigInteger.ZERO, callData);
    if (self.leadingSelector() == EXECUTE_USER_OP) {
      throw SessionKeyDecodingException.reverts("smart sessions do not allow executeUserOp");
    }
    return List.of(self);
  }
}
