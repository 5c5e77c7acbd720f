package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * Builds Kernel v3.1 permission operations as the ZeroDev SDK lays them out: the permission
 * nonce, {@code 0xff ‖ signature} in default mode, and in enable mode the whole permission with
 * the root owner's EIP-712 approval.
 */
public final class KernelOperations {
  public static final int MODE_DEFAULT = 0x00;
  public static final int MODE_ENABLE = 0x01;
  public static final Bytes EXECUTE_SELECTOR = Bytes.fromHex("0xe9ae5c53");
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
  private static final Bytes32 ENABLE_TYPE_HASH = keccak(
      "Enable(bytes21 validationId,uint32 nonce,address hook,bytes validatorData,bytes hookData,"
          + "bytes selectorData)");
  private static final Bytes32 DOMAIN_TYPE_HASH = keccak(
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  /** How the session key signs the userOpHash. */
  public enum SignatureStyle {
    /** EIP-191 {@code r ‖ s ‖ v}, as the SDK signs. */
    EIP191,
    /** The raw hash, {@code r ‖ s ‖ v}. */
    RAW,
    /** EIP-191, as 64-byte EIP-2098 {@code r ‖ vs}. */
    COMPACT,
    /** EIP-191 with s replaced by n - s and v flipped: the other valid signature. */
    HIGH_S
  }

  private final UserOperationHasher hasher = new UserOperationHasher();
  private final EntryPoint entryPoint;
  private final long chainId;

  public KernelOperations(EntryPoint entryPoint, long chainId) {
    this.entryPoint = entryPoint;
    this.chainId = chainId;
  }

  /** {@code mode ‖ 0x02 ‖ permissionId ‖ zeros}, sequence 0. */
  public static BigInteger nonce(int mode, Bytes permissionId) {
    byte[] word = new byte[32];
    word[0] = (byte) mode;
    word[1] = 0x02;
    permissionId.copyTo(word, 2);
    return new BigInteger(1, word);
  }

  /** An unsigned operation of {@code account}. */
  public static PackedUserOperation unsigned(Address account, BigInteger nonce, Bytes callData) {
    return new PackedUserOperation(account, nonce, null, Bytes.EMPTY, callData,
        BigInteger.valueOf(300_000), BigInteger.valueOf(6_000_000), BigInteger.valueOf(60_000),
        BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
  }

  public Bytes32 hash(PackedUserOperation op) {
    return hasher.hash(op, entryPoint, chainId);
  }

  /** The session key's signature of {@code op}'s hash. */
  public Bytes sign(PackedUserOperation op, ECKeyPair key, SignatureStyle style) {
    return signature(hash(op).toArray(), key, style);
  }

  public static Bytes signature(byte[] hash, ECKeyPair key, SignatureStyle style) {
    Sign.SignatureData data = style == SignatureStyle.RAW
        ? Sign.signMessage(hash, key, false)
        : Sign.signPrefixedMessage(hash, key);
    byte[] r = data.getR();
    byte[] s = data.getS();
    int v = data.getV()[0] & 0xff;
    return switch (style) {
      case EIP191, RAW ->
          Bytes.concat(Bytes.wrap(r), Bytes.wrap(s), Bytes.wrap(new byte[] {(byte) v}));
      case COMPACT -> {
        byte[] vs = s.clone();
        vs[0] |= (byte) ((v - 27) << 7);
        yield Bytes.concat(Bytes.wrap(r), Bytes.wrap(vs));
      }
      case HIGH_S -> {
        byte[] high = Bytes32.fromUint(CURVE_ORDER.subtract(new BigInteger(1, s))).toArray();
        yield Bytes.concat(Bytes.wrap(r), Bytes.wrap(high),
            Bytes.wrap(new byte[] {(byte) (v == 27 ? 28 : 27)}));
      }
    };
  }

  /**
   * The enable-mode signature: {@code hook(20) ‖ abi.encode(validatorData, hookData,
   * selectorData, enableSig, userOpSig)} with no hook, the execute selector granted, and {@code
   * owner}'s signature of the Enable digest for {@code account} at {@code kernelNonce}.
   */
  public Bytes enableSignature(Address account, Bytes permissionId, Bytes validatorData,
      long kernelNonce, ECKeyPair owner, Bytes userOpSignature) {
    Bytes validationId =
        Bytes.concat(Bytes.fromHex("0x02"), permissionId, Bytes.wrap(new byte[16]));
    Bytes32 structHash = keccak(Abi.encode(new Abi.Word(ENABLE_TYPE_HASH),
        Abi.fixedBytes(validationId),
        Abi.uint(kernelNonce), Abi.address(Address.ZERO), hashOf(validatorData),
        hashOf(Bytes.EMPTY), hashOf(EXECUTE_SELECTOR)));
    Bytes32 domain = keccak(Abi.encode(new Abi.Word(DOMAIN_TYPE_HASH), hashOf(utf8("Kernel")),
        hashOf(utf8("0.3.1")), Abi.uint(chainId), Abi.address(account)));
    Bytes32 digest = keccak(Bytes.concat(Bytes.fromHex("0x1901"), Bytes.wrap(domain.toArray()),
        Bytes.wrap(structHash.toArray())));
    Bytes enableSig = signature(digest.toArray(), owner, SignatureStyle.RAW);
    return Bytes.concat(Address.ZERO.toBytes(), Abi.encode(Abi.bytes(validatorData),
        Abi.bytes(Bytes.EMPTY), Abi.bytes(EXECUTE_SELECTOR), Abi.bytes(enableSig),
        Abi.bytes(userOpSignature)));
  }

  private static Abi.Value hashOf(Bytes data) {
    return new Abi.Word(keccak(data));
  }

  private static Bytes utf8(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Bytes32 keccak(Bytes data) {
    return Bytes32.of(Hash.sha3(data.toArray()));
  }

  private static Bytes32 keccak(String text) {
    return keccak(utf8(text));
  }
}
