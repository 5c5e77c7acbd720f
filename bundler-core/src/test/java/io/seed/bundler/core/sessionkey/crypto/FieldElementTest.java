package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldElementTest {
  private static final BigInteger P = Secp256k1.P;
  /** The largest limbs {@link FieldElement#mul} takes: 2^56 - 1, and 2^52 - 1 on top. */
  private static final long[] SATURATED = {
      (1L << 56) - 1, (1L << 56) - 1, (1L << 56) - 1, (1L << 56) - 1, (1L << 52) - 1};

  private static List<BigInteger> samples() {
    Random random = new Random(11);
    List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE,
        BigInteger.TWO, P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO),
        BigInteger.ONE.shiftLeft(52), BigInteger.ONE.shiftLeft(255),
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).subtract(P),
        BigInteger.ONE.shiftLeft(208).subtract(BigInteger.ONE)));
    for (int i = 0; i < 300; i++) {
      values.add(new BigInteger(256, random).mod(P));
    }
    return values;
  }

  private static FieldElement raw(long... limbs) {
    FieldElement element = new FieldElement();
    element.n0 = limbs[0];
    element.n1 = limbs[1];
    element.n2 = limbs[2];
    element.n3 = limbs[3];
    element.n4 = limbs[4];
    return element;
  }

  /** The value of the limbs as they stand, not reduced. */
  private static BigInteger value(FieldElement element) {
    long[] limbs = {element.n0, element.n1, element.n2, element.n3, element.n4};
    BigInteger sum = BigInteger.ZERO;
    for (int i = limbs.length - 1; i >= 0; i--) {
      sum = sum.shiftLeft(52).add(BigInteger.valueOf(limbs[i]));
    }
    return sum;
  }

  private static void assertWeak(FieldElement element) {
    assertThat(List.of(element.n0, element.n1, element.n2, element.n3))
        .allMatch(limb -> limb >= 0 && limb < (1L << 52) + 4);
    assertThat(element.n4).isBetween(0L, (1L << 48) + 4);
  }

  @Test
  void shouldMultiplySquareAddAndSubtractAsBigIntegerModP() {
    List<BigInteger> values = samples();
    for (int i = 0; i < values.size(); i++) {
      BigInteger a = values.get(i);
      BigInteger b = values.get((i * 7 + 3) % values.size());
      FieldElement product = new FieldElement();
      product.mul(FieldElement.of(a), FieldElement.of(b));
      FieldElement square = new FieldElement();
      square.sqr(FieldElement.of(a));
      FieldElement sum = new FieldElement();
      sum.add(FieldElement.of(a), FieldElement.of(b));
      FieldElement difference = new FieldElement();
      difference.sub(FieldElement.of(a), FieldElement.of(b));
      difference.normalizeWeak();

      assertWeak(product);
      assertWeak(square);
      assertWeak(difference);
      assertThat(product.toBigInteger()).isEqualTo(a.multiply(b).mod(P));
      assertThat(square.toBigInteger()).isEqualTo(a.multiply(a).mod(P));
      assertThat(sum.toBigInteger()).isEqualTo(a.add(b).mod(P));
      assertThat(difference.toBigInteger()).isEqualTo(a.subtract(b).mod(P));
    }
  }

  @Test
  void shouldMultiplyInPlace() {
    BigInteger a = P.subtract(BigInteger.valueOf(12345));
    FieldElement element = FieldElement.of(a);

    element.mul(element, element);
    element.sqr(element);

    assertThat(element.toBigInteger()).isEqualTo(a.pow(4).mod(P));
  }

  @Test
  void shouldReduceProductsOfSaturatedLimbs() {
    FieldElement saturated = raw(SATURATED);
    BigInteger expected = value(saturated).pow(2).mod(P);
    FieldElement product = new FieldElement();
    product.mul(saturated, saturated);
    FieldElement square = new FieldElement();
    square.sqr(saturated);

    assertWeak(product);
    assertWeak(square);
    assertThat(product.toBigInteger()).isEqualTo(expected);
    assertThat(square.toBigInteger()).isEqualTo(expected);
  }

  @Test
  void shouldSubtractTheLargestSubtrahendWithoutGoingNegative() {
    // Seven weak elements summed: limbs just below 8p's.
    FieldElement subtrahend = raw(7 * ((1L << 52) + 3), 7 * ((1L << 52) + 3),
        7 * ((1L << 52) + 3), 7 * ((1L << 52) + 3), 7 * ((1L << 48) + 3));
    for (BigInteger a : samples()) {
      FieldElement difference = new FieldElement();
      difference.sub(FieldElement.of(a), subtrahend);

      assertThat(List.of(difference.n0, difference.n1, difference.n2, difference.n3,
          difference.n4)).allMatch(limb -> limb >= 0);
      assertThat(difference.toBigInteger())
          .isEqualTo(a.subtract(value(subtrahend)).mod(P));
    }
  }

  @Test
  void shouldNormalizeEveryRepresentationOfAValueToTheSameLimbs() {
    FieldElement p = raw(0xFFFFEFFFFFC2FL, 0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFL,
        0xFFFFFFFFFFFFL);
    FieldElement allOnes = raw(0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFFL,
        0xFFFFFFFFFFFFFL, 0xFFFFFFFFFFFFL);
    FieldElement pMinusOne = FieldElement.of(P.subtract(BigInteger.ONE));
    FieldElement saturated = raw(SATURATED);
    BigInteger saturatedValue = value(saturated).mod(P);

    p.normalize();
    allOnes.normalize();
    saturated.normalize();

    assertThat(p.isZeroNormalized()).isTrue();
    assertThat(value(allOnes)).isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
        .subtract(P));
    assertThat(value(saturated)).isEqualTo(saturatedValue);
    assertThat(value(pMinusOne)).isEqualTo(P.subtract(BigInteger.ONE));
    assertThat(pMinusOne.parityNormalized()).isZero();
  }

  @Test
  void shouldInvert() {
    for (BigInteger a : samples()) {
      if (a.signum() == 0) {
        continue;
      }
      FieldElement inverse = FieldElement.of(a);
      inverse.invert();

      assertThat(inverse.toBigInteger()).isEqualTo(a.modInverse(P));
    }
  }

  @Test
  void shouldStoreAndLoadNegatedTableLimbs() {
    long[] table = new long[FieldElement.WORDS * 2];
    for (BigInteger a : samples()) {
      FieldElement.of(a).store(table, FieldElement.WORDS);
      FieldElement loaded = new FieldElement();
      loaded.load(table, FieldElement.WORDS);
      FieldElement negated = new FieldElement();
      negated.loadNegated(table, FieldElement.WORDS);

      assertThat(loaded.toBigInteger()).isEqualTo(a);
      assertThat(negated.toBigInteger()).isEqualTo(a.negate().mod(P));
    }
  }
}
