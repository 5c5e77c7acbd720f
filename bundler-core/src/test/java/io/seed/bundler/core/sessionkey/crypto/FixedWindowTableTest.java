package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;

class FixedWindowTableTest {
  private static final BigInteger MAX_SCALAR =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private static List<BigInteger> scalars() {
    Random random = new Random(3);
    BigInteger n = Secp256k1.N;
    List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO,
        BigInteger.valueOf(31), BigInteger.valueOf(32), BigInteger.valueOf(33),
        n.subtract(BigInteger.ONE), n.shiftRight(1), MAX_SCALAR,
        BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
    for (int i = 0; i < 40; i++) {
      scalars.add(new BigInteger(256, random));
    }
    return scalars;
  }

  private static void assertSum(JacobianPoint sum, ECPoint expected) {
    ECPoint affine = expected.normalize();
    assertThat(sum.isExact()).isTrue();
    assertThat(sum.hasAffineX(FieldElement.of(affine.getAffineXCoord().toBigInteger()))).isTrue();
    assertThat(sum.affineYParity()).isEqualTo(affine.getAffineYCoord().testBitZero() ? 1 : 0);
  }

  @Test
  void shouldMultiplyLikeBouncyCastleForEveryWindowWidth() {
    ECPoint base = Secp256k1.G.multiply(BigInteger.valueOf(0xC0FFEE));
    for (int windowBits : new int[] {2, 5, 6, 8}) {
      FixedWindowTable table = new FixedWindowTable(base, windowBits);
      for (BigInteger k : scalars()) {
        JacobianPoint sum = new JacobianPoint();
        table.addMultiple(sum, Nat256.fromBigInteger(k));

        assertSum(sum, base.multiply(k));
      }
    }
  }

  @Test
  void shouldAddTheWalksOfTwoTablesIntoOneSum() {
    ECPoint key = Secp256k1.G.multiply(BigInteger.valueOf(987654321));
    FixedWindowTable keyTable = new FixedWindowTable(key, 6);
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      BigInteger a = new BigInteger(256, random).mod(Secp256k1.N);
      BigInteger b = new BigInteger(256, random).mod(Secp256k1.N);
      JacobianPoint sum = new JacobianPoint();
      keyTable.addMultiple(sum, Nat256.fromBigInteger(b));
      Secp256k1.G_TABLE.addMultiple(sum, Nat256.fromBigInteger(a));

      assertSum(sum, Secp256k1.G.multiply(a).add(key.multiply(b)));
    }
  }

  @Test
  void shouldReportASumItCannotTrust() {
    FixedWindowTable table = new FixedWindowTable(Secp256k1.G, 6);
    JacobianPoint nothing = new JacobianPoint();
    table.addMultiple(nothing, new int[8]);
    JacobianPoint doubled = new JacobianPoint();
    table.addMultiple(doubled, Nat256.fromBigInteger(BigInteger.ONE));
    Secp256k1.G_TABLE.addMultiple(doubled, Nat256.fromBigInteger(BigInteger.ONE));
    JacobianPoint infinity = new JacobianPoint();
    table.addMultiple(infinity, Nat256.fromBigInteger(BigInteger.ONE));
    Secp256k1.G_TABLE.addMultiple(infinity,
        Nat256.fromBigInteger(Secp256k1.N.subtract(BigInteger.ONE)));

    assertThat(nothing.isExact()).isFalse();
    assertThat(doubled.isExact()).isFalse();
    assertThat(infinity.isExact()).isFalse();
  }

  @Test
  void shouldSizeTablesByWindow() {
    assertThat(FixedWindowTable.bytes(6)).isEqualTo(43 * 32 * 64);
    assertThat(FixedWindowTable.bytes(10)).isEqualTo(26 * 512 * 64);
  }
}
