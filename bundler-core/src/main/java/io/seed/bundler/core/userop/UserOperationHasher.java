package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.util.Objects;

/**
 * The userOpHash an EntryPoint's {@code getUserOpHash} returns, computed locally: v0.6 over the
 * unpacked {@link UserOperation}, v0.7 over the packed fields, v0.8 as EIP-712 typed data. The
 * signature is never part of the hash. Thread-safe; keep one instance, it caches the v0.8 domain
 * separator per EntryPoint and chain.
 */
public final class UserOperationHasher {
  private final PackedUserOperationHashV08 v08 = new PackedUserOperationHashV08();

  /** The hash of a v0.6 operation for {@code entryPoint} (which must be a v0.6 EntryPoint). */
  public Bytes32 hash(UserOperation op, EntryPoint entryPoint, long chainId) {
    if (entryPoint.version() != EntryPointVersion.V0_6) {
      throw layoutMismatch(entryPoint);
    }
    return boundToEntryPoint(UserOperationHashV06.inner(op), entryPoint.address(), chainId);
  }

  /**
   * The hash of a v0.7 or v0.8 operation. A v0.8 EIP-7702 operation (initCode starting with
   * {@code 0x7702}) takes its delegate from {@link PackedUserOperation#eip7702Auth()}.
   *
   * @throws IllegalArgumentException when the EntryPoint is v0.6, or a v0.8 EIP-7702 operation
   *     carries no authorization; then read the delegate from the sender's code and use {@link
   *     #hash(PackedUserOperation, EntryPoint, long, Address)}
   */
  public Bytes32 hash(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    Address delegate = op.eip7702Auth() == null ? null : op.eip7702Auth().address();
    if (delegate == null
        && entryPoint.version() == EntryPointVersion.V0_8
        && PackedUserOperationHashV08.isEip7702(op)) {
      throw new IllegalArgumentException(
          "EIP-7702 operation of " + op.sender() + " carries no authorization: its hash needs the"
              + " delegate from the sender's code");
    }
    return hashPacked(op, entryPoint, chainId, delegate);
  }

  /**
   * The hash of a v0.7 or v0.8 operation where a v0.8 EIP-7702 operation hashes {@code delegate},
   * the address in the sender's code {@code 0xef0100 ‖ delegate}.
   */
  public Bytes32 hash(PackedUserOperation op, EntryPoint entryPoint, long chainId, Address delegate) {
    return hashPacked(op, entryPoint, chainId, Objects.requireNonNull(delegate, "delegate"));
  }

  private Bytes32 hashPacked(
      PackedUserOperation op, EntryPoint entryPoint, long chainId, Address delegate) {
    return switch (entryPoint.version()) {
      case V0_7 ->
          boundToEntryPoint(PackedUserOperationHashV07.inner(op), entryPoint.address(), chainId);
      case V0_8 -> Bytes32.of(v08.hash(op, entryPoint.address(), chainId, delegate));
      case V0_6 -> throw layoutMismatch(entryPoint);
    };
  }

  /** v0.6 and v0.7: {@code keccak(abi.encode(inner, entryPoint, chainId))}. */
  private static Bytes32 boundToEntryPoint(byte[] inner, Address entryPoint, long chainId) {
    return Bytes32.of(new AbiWords(3).word(inner).address(entryPoint).uint(chainId).keccak());
  }

  private static IllegalArgumentException layoutMismatch(EntryPoint entryPoint) {
    return new IllegalArgumentException("the operation's layout does not fit EntryPoint "
        + entryPoint.version().label() + " at " + entryPoint.address());
  }
}
