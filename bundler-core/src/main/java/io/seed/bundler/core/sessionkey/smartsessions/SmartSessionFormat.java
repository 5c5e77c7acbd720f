package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.SessionKeyFormat;
import io.seed.bundler.core.sessionkey.SessionOperation;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.Arrays;
import java.util.Optional;

/**
 * Smart Sessions on EntryPoint v0.7, routed by the nonce: Kernel v3 {@code 0x00 ‖ 0x01 ‖
 * validator(20)}, Safe7579 {@code validator(20)} first, Nexus {@code 0x000000 ‖ mode ‖
 * validator(20)}. The signature is {@code 0x00 ‖ permissionId ‖ sig} (USE) or {@code 0x01|0x02 ‖
 * FastLZ(abi.encode(EnableSession, bytes sig))} (ENABLE, UNSAFE_ENABLE). A nonce naming the
 * SmartSession module proves the scheme, so malformed data is a certain failure.
 */
public final class SmartSessionFormat implements SessionKeyFormat {
  private static final int USE = 0x00;
  private static final int ENABLE = 0x01;
  private static final int UNSAFE_ENABLE = 0x02;

  private final SmartSessionContracts contracts;
  private final SessionDecoder sessions;

  /** The format, routing on and modelling the contracts {@code contracts} names. */
  public SmartSessionFormat(SmartSessionContracts contracts) {
    this.contracts = contracts;
    this.sessions = new SessionDecoder(contracts);
  }

  @Override
  public Optional<GrantKey> grantKey(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    if (entryPoint.version() != EntryPointVersion.V0_7) {
      return Optional.empty();
    }
    Address module = routedModule(Bytes32.fromUint(op.nonce()).toArray());
    if (module == null) {
      return Optional.empty();
    }
    Bytes grantId;
    try {
      grantId = SignatureParts.parse(op.signature()).permissionId();
    } catch (SessionKeyDecodingException | AbiDecodingException malformed) {
      // The key stays recognisable; decoding the same signature reports the malformation.
      grantId = Bytes.EMPTY;
    }
    return Optional.of(new GrantKey(chainId, entryPoint.address(), op.sender(), module, grantId));
  }

  @Override
  public boolean nonceIdentifiesScheme() {
    return true;
  }

  @Override
  public SessionOperation decode(PackedUserOperation op, GrantKey key) {
    try {
      SignatureParts parts = SignatureParts.parse(op.signature());
      if (parts.enable() == null) {
        return new SmartSessionOperation(op, key.module(), null, parts.validatorSignature());
      }
      checkChainDigest(parts.enable(), key.chainId());
      return new SmartSessionOperation(op, key.module(),
          sessions.decode(key, parts.enable().tupleAt(64)), parts.validatorSignature());
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("enable session: " + malformed.getMessage());
    }
  }

  /**
   * A signature split by mode: the permission id, the session validator's signature and, in the
   * enable modes, the decompressed {@code EnableSession} tuple.
   */
  private record SignatureParts(Bytes permissionId, AbiReader enable, Bytes validatorSignature) {
    static SignatureParts parse(Bytes signature) {
      if (signature.isEmpty()) {
        throw SessionKeyDecodingException.reverts("smart session signature is empty");
      }
      int mode = signature.get(0) & 0xff;
      if (mode == USE) {
        if (signature.length() < 33) {
          throw SessionKeyDecodingException.reverts(
              "USE signature shorter than its permission id");
        }
        return new SignatureParts(signature.slice(1, 33), null,
            signature.slice(33, signature.length()));
      }
      if (mode != ENABLE && mode != UNSAFE_ENABLE) {
        throw SessionKeyDecodingException.reverts("unknown smart session mode " + mode);
      }
      AbiReader payload =
          AbiReader.of(FastLz.decompress(signature.slice(1, signature.length()).toArray()));
      AbiReader enable = payload.tupleAt(0);
      Bytes permissionId =
          Bytes.wrap(SessionDecoder.permissionId(enable.tupleAt(64)).toArray());
      return new SignatureParts(permissionId, enable, payload.dynamicBytes(32));
    }
  }

  /** {@code hashesAndChainIds[chainDigestIndex].chainId} must be this chain, else revert. */
  private static void checkChainDigest(AbiReader enable, long chainId) {
    long index = enable.uintAsLong(0);
    int digests = enable.arrayLength(32);
    if (index >= digests) {
      throw SessionKeyDecodingException.reverts("chain digest index out of range");
    }
    AbiReader digest = enable.arrayElements(32).inlineTupleAt((int) index * 64);
    if (digest.uintAsLong(0) != chainId) {
      throw SessionKeyDecodingException.reverts("enable data is for chain " + digest.uint(0));
    }
  }

  private Address routedModule(byte[] nonce) {
    // Kernel: mode 0x00, then type 0x01 (validator). Type 0x00 is Kernel's root validator, whatever
    // address follows, though module-sdk 0.4.0's encodeValidatorNonce writes it for Kernel.
    if (nonce[0] == 0 && nonce[1] == 1) {
      Address kernel = Address.of(Arrays.copyOfRange(nonce, 2, 22));
      if (contracts.modules().contains(kernel)) {
        return kernel;
      }
    }
    Address safe = Address.of(Arrays.copyOfRange(nonce, 0, 20));
    if (contracts.modules().contains(safe)) {
      return safe;
    }
    Address nexus = Address.of(Arrays.copyOfRange(nonce, 4, 24));
    if (nonce[0] == 0 && nonce[1] == 0 && nonce[2] == 0 && contracts.modules().contains(nexus)) {
      return nexus;
    }
    return null;
  }
}
