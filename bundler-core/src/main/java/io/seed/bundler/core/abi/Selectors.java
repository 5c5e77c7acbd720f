package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.Hash;

/** Four-byte selectors derived from canonical signatures. */
final class Selectors {
  private Selectors() {}

  /** The first four bytes of the keccak hash of {@code signature}. */
  static Bytes of(String signature) {
    return Bytes.wrap(Arrays.copyOf(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 4));
  }

  /** True when {@code data} starts with {@code selector}. */
  static boolean matches(Bytes data, Bytes selector) {
    if (data.length() < selector.length()) {
      return false;
    }
    for (int i = 0; i < selector.length(); i++) {
      if (data.get(i) != selector.get(i)) {
        return false;
      }
    }
    return true;
  }
}
