package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantChange;
import io.seed.bundler.core.sessionkey.GrantChangeReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the permission changes a Kernel v3 account's executed call data makes. The EntryPoint
 * calls the account with the operation's call data, which is either one of Kernel's own functions
 * or {@code execute(bytes32,bytes)} whose calls to the account itself reach them ({@code
 * executeUserOp} wraps either). {@code installValidations} of a permission (validation type 0x02)
 * installs the grant its data decodes to; {@code uninstallValidation} of one disables it; {@code
 * grantAccess} (the selector gate the SDK sets with an install) changes no grant. Every other
 * call the account makes to itself, any delegatecall, and any entry point of the account other
 * than {@code execute} may change validation in ways not modelled here ({@code invalidateNonce},
 * {@code upgradeTo}, module changes), and most emit no
 * event telling which permission: the account's grants are all forgotten. The same rule keeps
 * the grants of other account kinds (Smart Sessions on Safe or Nexus) honest.
 */
public final class KernelAccountChanges implements GrantChangeReader {
  /** {@code installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])}. */
  static final Bytes INSTALL_VALIDATIONS = Bytes.fromHex("0x9198bdf5");
  /** {@code uninstallValidation(bytes21,bytes,bytes)}. */
  static final Bytes UNINSTALL_VALIDATION = Bytes.fromHex("0xe6f3d50a");
  /** {@code grantAccess(bytes21,bytes4,bool)}. */
  static final Bytes GRANT_ACCESS = Bytes.fromHex("0xb9b82941");
  /** {@code executeUserOp(PackedUserOperation,bytes32)}: Kernel runs {@code callData[4:]}. */
  static final Bytes EXECUTE_USER_OP = Bytes.fromHex("0x8dd7712f");
  private static final int TYPE_PERMISSION = 0x02;

  private final KernelPermissionDecoder permissions;

  /** The account whose calls to itself are read, and where its grants are kept. */
  private record Scope(Address account, EntryPoint entryPoint, long chainId) {
    /** The grant of the permission id in bytes 1 to 4 of validation id {@code id}. */
    GrantKey key(Bytes id) {
      return new GrantKey(chainId, entryPoint.address(), account, account, id.slice(1, 5));
    }
  }

  /** A reader decoding installed permissions with the contracts {@code contracts} names. */
  public KernelAccountChanges(KernelPermissionContracts contracts) {
    this.permissions = new KernelPermissionDecoder(contracts);
  }

  @Override
  public List<GrantChange> changes(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    Bytes callData = op.callData();
    if (startsWith(callData, EXECUTE_USER_OP)) {
      callData = callData.slice(4, callData.length());
    }
    Scope scope = new Scope(op.sender(), entryPoint, chainId);
    List<GrantChange> changes = new ArrayList<>();
    if (!Erc7579Execution.isExecute(callData)) {
      selfCall(scope, callData, changes);
      return changes;
    }
    List<Call> calls;
    try {
      calls = Erc7579Execution.decode(callData).calls();
    } catch (SessionKeyDecodingException notModelled) {
      return List.of(new GrantChange.AccountReconfigured(op.sender()));
    }
    for (Call call : calls) {
      if (call.type() != CallType.CALL) {
        changes.add(new GrantChange.AccountReconfigured(op.sender()));
      } else if (call.target().equals(op.sender())) {
        selfCall(scope, call.data(), changes);
      }
    }
    return changes;
  }

  private void selfCall(Scope scope, Bytes data, List<GrantChange> changes) {
    if (data.isEmpty() || startsWith(data, GRANT_ACCESS)) {
      // The selector gate is not part of a grant: it only adds refusals on chain, and no
      // rejection here depends on it (CallPolicy itself refuses anything but execute).
      return;
    }
    try {
      if (startsWith(data, INSTALL_VALIDATIONS)) {
        installValidations(scope, data, changes);
      } else if (startsWith(data, UNINSTALL_VALIDATION)) {
        uninstallValidation(scope, data, changes);
      } else {
        changes.add(new GrantChange.AccountReconfigured(scope.account()));
      }
    } catch (AbiDecodingException | IndexOutOfBoundsException notModelled) {
      changes.add(new GrantChange.AccountReconfigured(scope.account()));
    }
  }

  private void installValidations(Scope scope, Bytes data, List<GrantChange> changes) {
    AbiReader arguments = AbiReader.of(data.toArray()).inlineTupleAt(4);
    int count = arguments.arrayLength(0);
    AbiReader ids = arguments.arrayElements(0);
    AbiReader validationData = arguments.arrayElements(64);
    if (arguments.arrayLength(64) != count) {
      changes.add(new GrantChange.AccountReconfigured(scope.account()));
      return;
    }
    for (int i = 0; i < count; i++) {
      Bytes id = Bytes.wrap(ids.word(i * 32).toArray());
      if ((id.get(0) & 0xff) != TYPE_PERMISSION) {
        continue;
      }
      GrantKey key = scope.key(id);
      try {
        changes.add(new GrantChange.Installed(
            permissions.decode(key, validationData.dynamicBytes(i * 32))));
      } catch (SessionKeyDecodingException notModelled) {
        changes.add(new GrantChange.Unreadable(key));
      }
    }
  }

  private static void uninstallValidation(Scope scope, Bytes data, List<GrantChange> changes) {
    Bytes id = Bytes.wrap(AbiReader.of(data.toArray()).inlineTupleAt(4).word(0).toArray());
    changes.add((id.get(0) & 0xff) == TYPE_PERMISSION
        ? new GrantChange.Uninstalled(scope.key(id))
        // A validator such as SmartSession going away takes its grants with it.
        : new GrantChange.AccountReconfigured(scope.account()));
  }

  private static boolean startsWith(Bytes data, Bytes selector) {
    if (data.length() < selector.length()) {
      return false;
    }
    return data.slice(0, selector.length()).equals(selector);
  }
}
