package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Call data of the Kernel v3.1 functions that install and revoke permissions. */
public final class KernelAccountCalls {
  /** Kernel's sentinel for "no hook" in a validation config. */
  private static final Address NO_HOOK =
      Address.fromHex("0x0000000000000000000000000000000000000001");

  private KernelAccountCalls() {}

  /** {@code 0x02 ‖ permissionId ‖ zeros}: the bytes21 validation id of a permission. */
  public static Bytes validationId(Bytes permissionId) {
    return Bytes.concat(Bytes.fromHex("0x02"), permissionId, Bytes.wrap(new byte[16]));
  }

  /**
   * {@code installValidations} of one permission with {@code validatorData}, without hook, at
   * Kernel nonce {@code kernelNonce} (the account's {@code currentNonce() + 1}).
   */
  public static Bytes installPermission(Bytes permissionId, long kernelNonce,
      Bytes validatorData) {
    return Abi.call("installValidations(bytes21[],(uint32,address)[],bytes[],bytes[])",
        Abi.array(List.of(Abi.fixedBytes(validationId(permissionId)))),
        Abi.array(List.of(Abi.tuple(Abi.uint(kernelNonce), Abi.address(NO_HOOK)))),
        Abi.array(List.of(Abi.bytes(validatorData))),
        Abi.array(List.of(Abi.bytes(Bytes.EMPTY))));
  }

  /** {@code uninstallValidation} of a permission with {@code modules} policies and signer. */
  public static Bytes uninstallPermission(Bytes permissionId, int modules) {
    List<Abi.Value> deinit = new ArrayList<>();
    for (int i = 0; i < modules; i++) {
      deinit.add(Abi.bytes(Bytes.EMPTY));
    }
    return Abi.call("uninstallValidation(bytes21,bytes,bytes)",
        Abi.fixedBytes(validationId(permissionId)), Abi.bytes(Abi.encode(Abi.array(deinit))),
        Abi.bytes(Bytes.EMPTY));
  }

  /** {@code invalidateNonce(uint32)}: validations installed below {@code nonce} are revoked. */
  public static Bytes invalidateNonce(long nonce) {
    return Abi.call("invalidateNonce(uint32)", Abi.uint(nonce));
  }

  /** {@code grantAccess}: lets the permission validate operations calling {@code selector}. */
  public static Bytes grantAccess(Bytes permissionId, Bytes selector) {
    return Abi.call("grantAccess(bytes21,bytes4,bool)",
        Abi.fixedBytes(validationId(permissionId)), Abi.fixedBytes(selector), Abi.uint(1));
  }

  /**
   * What the SDK does to add a permission: {@code installValidations} and {@code grantAccess} to
   * {@code execute}, as one batch of calls the account makes to itself.
   */
  public static Bytes installPermissionForExecute(Address account, Bytes permissionId,
      long kernelNonce, Bytes validatorData) {
    return CallData.batch(
        new Call(CallType.CALL, account, BigInteger.ZERO,
            installPermission(permissionId, kernelNonce, validatorData)),
        new Call(CallType.CALL, account, BigInteger.ZERO,
            grantAccess(permissionId, KernelOperations.EXECUTE_SELECTOR)));
  }
}
