package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcdsaSignatureTest {
  private static byte[] rsv(BigInteger r, BigInteger s, int v) {
    byte[] out = new byte[65];
    byte[] rb = BigIntegers.asUnsignedByteArray(32, r);
    byte[] sb = BigIntegers.asUnsignedByteArray(32, s);
    System.arraycopy(rb, 0, out, 0, 32);
    System.arraycopy(sb, 0, out, 32, 32);
    out[64] = (byte) v;
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 26, 29, 31, 255})
  void shouldRefuseVOtherThan27Or28AsTheEcrecoverPrecompileDoes(int v) {
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.TWO, BigInteger.TWO, v), 0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {27, 28})
  void shouldReadTheRecoveryIdFromV(int v) {
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.TWO, BigInteger.TEN, v), 0).orElseThrow()
        .recoveryId()).isEqualTo(v - 27);
  }

  @Test
  void shouldRefuseZeroAndOutOfRangeScalars() {
    BigInteger n = Secp256k1.N;
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.ZERO, BigInteger.ONE, 27), 0)).isEmpty();
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.ONE, BigInteger.ZERO, 27), 0)).isEmpty();
    assertThat(EcdsaSignature.fromRsv(rsv(n, BigInteger.ONE, 27), 0)).isEmpty();
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.ONE, n, 27), 0)).isEmpty();
    assertThat(EcdsaSignature.fromRsv(rsv(BigInteger.ONE, n.subtract(BigInteger.ONE), 27), 0))
        .isPresent();
  }

  @Test
  void shouldReadTheCompactFormParityFromTheTopBit() {
    byte[] compact = new byte[64];
    System.arraycopy(BigIntegers.asUnsignedByteArray(32, BigInteger.TWO), 0, compact, 0, 32);
    byte[] highBitAndTen = BigIntegers.asUnsignedByteArray(32, BigInteger.TEN.setBit(255));
    System.arraycopy(highBitAndTen, 0, compact, 32, 32);

    EcdsaSignature signature = EcdsaSignature.fromCompact(compact, 0).orElseThrow();

    assertThat(signature.recoveryId()).isEqualTo(1);
    assertThat(signature.s()).isEqualTo(BigInteger.TEN);
  }
}
