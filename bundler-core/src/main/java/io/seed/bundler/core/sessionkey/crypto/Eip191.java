package io.seed.bundler.core.sessionkey.crypto;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/** EIP-191 version 0x45 hashing of a 32-byte hash, as {@code toEthSignedMessageHash} does. */
public final class Eip191 {
  private static final byte[] PREFIX =
      "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

  private Eip191() {}

  /** {@code keccak256("\x19Ethereum Signed Message:\n32" ‖ hash)}. */
  public static byte[] ethSignedMessageHash(byte[] hash) {
    if (hash.length != 32) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + hash.length);
    }
    byte[] message = new byte[PREFIX.length + 32];
    System.arraycopy(PREFIX, 0, message, 0, PREFIX.length);
    System.arraycopy(hash, 0, message, PREFIX.length, 32);
    return Hash.sha3(message);
  }
}
