package io.seed.bundler.bench;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Operations shaped like the ones a bundler sees most: the first operation of a SimpleAccount,
 * which deploys the account through its factory and makes one call. Sizes and field values are
 * those an SDK sends, so hashing, encoding and storing them cost what they cost in production.
 */
public final class SampleOperations {
  /** The SimpleAccountFactory of EntryPoint v0.7 at its canonical address. */
  private static final Address FACTORY =
      Address.fromHex("0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985");
  /** {@code createAccount(address owner, uint256 salt)}. */
  private static final Bytes CREATE_ACCOUNT = Bytes.fromHex("0x5fbfb9cf");
  /** {@code execute(address dest, uint256 value, bytes func)}. */
  private static final Bytes EXECUTE = Bytes.fromHex("0xb61d27f6");
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private SampleOperations() {}

  /**
   * The first operation of account number {@code account}: sender, owner and recipient differ for
   * every number, so a set of them holds one operation per sender. The signature has the size of
   * an ECDSA signature; nothing here checks it.
   */
  public static PackedUserOperation firstOperation(int account) {
    Address sender = numbered(0x5e, account);
    Address owner = numbered(0x0a, account);
    Address recipient = numbered(0x7e, account);
    Bytes factoryData =
        Bytes.concat(CREATE_ACCOUNT, word(owner), Bytes.wrap(new byte[Bytes32.LENGTH]));
    Bytes callData =
        Bytes.concat(
            EXECUTE, word(recipient), uint(BigInteger.valueOf(1_000_000_000_000L)),
            uint(BigInteger.valueOf(0x60)), uint(BigInteger.ZERO));
    byte[] signature = new byte[65];
    ByteBuffer.wrap(signature).putInt(account);
    signature[64] = 27;
    return new PackedUserOperation(
        sender, BigInteger.ZERO, FACTORY, factoryData, callData,
        BigInteger.valueOf(60_000), BigInteger.valueOf(400_000), BigInteger.valueOf(55_000),
        GWEI.multiply(BigInteger.TWO), GWEI, null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
        Bytes.wrap(signature), null);
  }

  /**
   * An address distinct for every {@code n}, its first byte {@code prefix} telling what it stands
   * for (sender, owner, recipient, token), so figures never rest on one address.
   */
  public static Address numbered(int prefix, int n) {
    byte[] bytes = new byte[Address.LENGTH];
    bytes[0] = (byte) prefix;
    ByteBuffer.wrap(bytes, Address.LENGTH - Integer.BYTES, Integer.BYTES).putInt(n);
    return Address.of(bytes);
  }

  /** {@code address} as the 32-byte ABI word that call data carries. */
  public static Bytes word(Address address) {
    byte[] word = new byte[Bytes32.LENGTH];
    address.copyTo(word, Bytes32.LENGTH - Address.LENGTH);
    return Bytes.wrap(word);
  }

  private static Bytes uint(BigInteger value) {
    return Bytes.wrap(Bytes32.fromUint(value).toArray());
  }
}
