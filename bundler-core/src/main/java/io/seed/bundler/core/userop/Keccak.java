package io.seed.bundler.core.userop;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 straight on Bouncy Castle's digest, without the JCA provider lookup. */
final class Keccak {
  static final int LENGTH = 32;

  private Keccak() {}

  static byte[] hash(byte[] input) {
    byte[] out = new byte[LENGTH];
    hashInto(input, out, 0);
    return out;
  }

  static byte[] hash(String ascii) {
    return hash(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes the hash of {@code input} into {@code out} at {@code offset}. */
  static void hashInto(byte[] input, byte[] out, int offset) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    digest.doFinal(out, offset);
  }
}
