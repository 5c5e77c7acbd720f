package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.SessionKeyFormat;
import io.seed.bundler.core.sessionkey.SessionOperation;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.Arrays;
import java.util.Optional;

/**
 * Kernel v3 permission validation on EntryPoint v0.7. The nonce's first bytes are {@code mode ‖
 * type ‖ permissionId(4)} with type 0x02; mode 0x01 (enable) prefixes the signature with {@code
 * hook(20) ‖ abi.encode(validatorData, hookData, selectorData, enableSig, userOpSig)}, whose
 * validatorData is the whole permission. The nonce pattern alone does not prove the account is a
 * Kernel, so malformed data is judged only for accounts with a cached grant.
 */
public final class KernelPermissionFormat implements SessionKeyFormat {
  private static final int MODE_DEFAULT = 0x00;
  private static final int MODE_ENABLE = 0x01;
  private static final int TYPE_PERMISSION = 0x02;

  private final KernelPermissionDecoder permissions;

  /** The format, modelling the contracts {@code contracts} names. */
  public KernelPermissionFormat(KernelPermissionContracts contracts) {
    this.permissions = new KernelPermissionDecoder(contracts);
  }

  @Override
  public Optional<GrantKey> grantKey(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    if (entryPoint.version() != EntryPointVersion.V0_7) {
      return Optional.empty();
    }
    byte[] nonce = Bytes32.fromUint(op.nonce()).toArray();
    int mode = nonce[0] & 0xff;
    if ((mode != MODE_DEFAULT && mode != MODE_ENABLE) || (nonce[1] & 0xff) != TYPE_PERMISSION) {
      return Optional.empty();
    }
    return Optional.of(new GrantKey(chainId, entryPoint.address(), op.sender(), op.sender(),
        Bytes.wrap(Arrays.copyOfRange(nonce, 2, 6))));
  }

  @Override
  public boolean nonceIdentifiesScheme() {
    return false;
  }

  @Override
  public SessionOperation decode(PackedUserOperation op, GrantKey key) {
    if ((Bytes32.fromUint(op.nonce()).toArray()[0] & 0xff) == MODE_DEFAULT) {
      return new KernelPermissionOperation(op, null, op.signature());
    }
    Bytes signature = op.signature();
    if (signature.length() < 20) {
      throw SessionKeyDecodingException.reverts("enable signature shorter than its hook");
    }
    try {
      AbiReader enable = AbiReader.of(signature.slice(20, signature.length()));
      Bytes validatorData = enable.dynamicBytes(0);
      Bytes userOpSignature = enable.dynamicBytes(128);
      return new KernelPermissionOperation(
          op, permissions.decode(key, validatorData), userOpSignature);
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("enable data: " + malformed.getMessage());
    }
  }
}
