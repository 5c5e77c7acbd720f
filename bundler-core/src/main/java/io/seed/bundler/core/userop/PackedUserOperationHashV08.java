package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EntryPoint v0.8: the EIP-712 typed-data hash of the packed operation, with the EIP-7702 rule
 * that an initCode starting with the marker hashes the sender's delegate instead of a factory.
 */
final class PackedUserOperationHashV08 {
  /** The initCode prefix (0x7702 and 18 zero bytes) of an EIP-7702 account's operation. */
  static final Address EIP7702_MARKER = Address.fromHex("0x7702000000000000000000000000000000000000");

  private static final byte[] PACKED_USEROP_TYPEHASH = Keccak.hash(
      "PackedUserOperation(address sender,uint256 nonce,bytes initCode,bytes callData,"
          + "bytes32 accountGasLimits,uint256 preVerificationGas,bytes32 gasFees,"
          + "bytes paymasterAndData)");
  private static final byte[] DOMAIN_TYPEHASH = Keccak.hash(
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
  private static final byte[] DOMAIN_NAME_HASH = Keccak.hash("ERC4337");
  private static final byte[] DOMAIN_VERSION_HASH = Keccak.hash("1");
  private static final int PREFIX_LENGTH = 2;

  private final Map<Domain, byte[]> domainSeparators = new ConcurrentHashMap<>();

  /** True when the operation's initCode is the EIP-7702 marker (with optional init data). */
  static boolean isEip7702(PackedUserOperation op) {
    return EIP7702_MARKER.equals(op.factory());
  }

  /**
   * The typed-data hash; {@code delegate} is the sender's EIP-7702 delegate and is read only when
   * {@link #isEip7702} holds.
   */
  byte[] hash(PackedUserOperation op, Address entryPoint, long chainId, Address delegate) {
    Bytes initCode = isEip7702(op)
        ? Bytes.concat(delegate.toBytes(), op.factoryData())
        : op.initCode();
    AbiWords typeAndFields =
        new AbiWords(1 + PackedUserOperationHashV07.FIELD_WORDS).word(PACKED_USEROP_TYPEHASH);
    byte[] structHash = PackedUserOperationHashV07.writeFields(typeAndFields, op, initCode).keccak();
    byte[] typedData = new byte[PREFIX_LENGTH + 2 * Keccak.LENGTH];
    typedData[0] = 0x19;
    typedData[1] = 0x01;
    byte[] domainSeparator =
        domainSeparators.computeIfAbsent(new Domain(entryPoint, chainId), Domain::separator);
    System.arraycopy(domainSeparator, 0, typedData, PREFIX_LENGTH, Keccak.LENGTH);
    System.arraycopy(structHash, 0, typedData, PREFIX_LENGTH + Keccak.LENGTH, Keccak.LENGTH);
    return Keccak.hash(typedData);
  }

  /** The EIP-712 domain of one EntryPoint on one chain. */
  private record Domain(Address entryPoint, long chainId) {
    byte[] separator() {
      return new AbiWords(5)
          .word(DOMAIN_TYPEHASH)
          .word(DOMAIN_NAME_HASH)
          .word(DOMAIN_VERSION_HASH)
          .uint(chainId)
          .address(entryPoint)
          .keccak();
    }
  }
}
