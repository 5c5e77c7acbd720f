package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.raw.Mod;

/**
 * A mutable element of the secp256k1 base field, p = 2^256 - 2^32 - 977, in five 52-bit limbs.
 * A limb product (below 2^112) is taken whole with {@link Math#multiplyHigh} and split at bit 52
 * as it is summed, so a column of products needs no 128-bit carries: its low parts and its high
 * parts each sum in a plain long, and the columns are carried once at the end.
 *
 * <p>Limbs are not kept reduced. Every result of {@link #mul}, {@link #sqr} and {@link
 * #normalizeWeak} is weak: limbs below 2^52 + 4, the top one below 2^48 + 4. {@link #mul} and
 * {@link #sqr} take limbs below 2^56 and a top limb below 2^52, so a sum or difference of a few
 * weak elements may be multiplied directly. {@link #sub} adds 8p, so its subtrahend may be a sum
 * of up to seven weak elements. {@link #normalize} gives the unique representation in [0, p) that
 * comparisons and parity need.
 *
 * <p>Arithmetic is variable time: only public values (signatures, hashes, keys) are handled.
 */
final class FieldElement {
  /** 64-bit words of a coordinate in a table. */
  static final int WORDS = 4;

  private static final long MASK = 0xFFFFFFFFFFFFFL;
  private static final long TOP_MASK = 0xFFFFFFFFFFFFL;
  /** 2^260 mod p = 2^36 + 0x3D10. */
  private static final long FOLD_260 = 0x1000003D10L;
  /** 977: 2^256 mod p is 2^32 + 977. */
  private static final long FOLD_256_LOW = 0x3D1L;
  /** The lowest limb of p; limbs 1 to 3 are all ones, the top one is 48 ones. */
  private static final long P0 = 0xFFFFEFFFFFC2FL;
  /** p in eight little-endian 32-bit words. */
  private static final int[] P_WORDS = {0xFFFFFC2F, 0xFFFFFFFE, -1, -1, -1, -1, -1, -1};

  long n0;
  long n1;
  long n2;
  long n3;
  long n4;

  /** The element {@code value}, which must be in [0, p). */
  static FieldElement of(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(Secp256k1.P) >= 0) {
      throw new IllegalArgumentException("not a field element");
    }
    FieldElement element = new FieldElement();
    element.n0 = value.longValue() & MASK;
    element.n1 = value.shiftRight(52).longValue() & MASK;
    element.n2 = value.shiftRight(104).longValue() & MASK;
    element.n3 = value.shiftRight(156).longValue() & MASK;
    element.n4 = value.shiftRight(208).longValue();
    return element;
  }

  /** The normalised value as a BigInteger. */
  BigInteger toBigInteger() {
    FieldElement copy = new FieldElement();
    copy.set(this);
    copy.normalize();
    return BigInteger.valueOf(copy.n4).shiftLeft(208)
        .or(BigInteger.valueOf(copy.n3).shiftLeft(156))
        .or(BigInteger.valueOf(copy.n2).shiftLeft(104))
        .or(BigInteger.valueOf(copy.n1).shiftLeft(52))
        .or(BigInteger.valueOf(copy.n0));
  }

  void set(FieldElement a) {
    n0 = a.n0;
    n1 = a.n1;
    n2 = a.n2;
    n3 = a.n3;
    n4 = a.n4;
  }

  void setOne() {
    n0 = 1;
    n1 = 0;
    n2 = 0;
    n3 = 0;
    n4 = 0;
  }

  /**
   * Reads the four little-endian 64-bit words of a value below 2^256 at {@code offset}: tables
   * hold points packed so, 64 bytes each rather than 80 as limbs, and unpack them as they read.
   */
  void load(long[] words, int offset) {
    long w0 = words[offset];
    long w1 = words[offset + 1];
    long w2 = words[offset + 2];
    long w3 = words[offset + 3];
    n0 = w0 & MASK;
    n1 = (w0 >>> 52 | w1 << 12) & MASK;
    n2 = (w1 >>> 40 | w2 << 24) & MASK;
    n3 = (w2 >>> 28 | w3 << 36) & MASK;
    n4 = w3 >>> 16;
  }

  /**
   * Reads {@code 2p - y} for the value at {@code offset}: its negation, taken limb by limb since
   * every limb of 2p exceeds the matching limb of a normalised element.
   */
  void loadNegated(long[] words, int offset) {
    load(words, offset);
    n0 = 2 * P0 - n0;
    n1 = 2 * MASK - n1;
    n2 = 2 * MASK - n2;
    n3 = 2 * MASK - n3;
    n4 = 2 * TOP_MASK - n4;
  }

  /** Writes the element, which must be normalised, as four 64-bit words at {@code offset}. */
  void store(long[] words, int offset) {
    words[offset] = n0 | n1 << 52;
    words[offset + 1] = n1 >>> 12 | n2 << 40;
    words[offset + 2] = n2 >>> 24 | n3 << 28;
    words[offset + 3] = n3 >>> 36 | n4 << 16;
  }

  /** {@code this = a + b}. */
  void add(FieldElement a, FieldElement b) {
    n0 = a.n0 + b.n0;
    n1 = a.n1 + b.n1;
    n2 = a.n2 + b.n2;
    n3 = a.n3 + b.n3;
    n4 = a.n4 + b.n4;
  }

  /** {@code this = a + 8p - b}, for {@code b} with limbs below 8p's (about 2^55, top 2^51). */
  void sub(FieldElement a, FieldElement b) {
    n0 = a.n0 + 8 * P0 - b.n0;
    n1 = a.n1 + 8 * MASK - b.n1;
    n2 = a.n2 + 8 * MASK - b.n2;
    n3 = a.n3 + 8 * MASK - b.n3;
    n4 = a.n4 + 8 * TOP_MASK - b.n4;
  }

  /**
   * {@code this = a * b}; {@code this} may be {@code a} or {@code b}. Column k sums its products'
   * low 52 bits in l_k (below 2^55) and the rest in h_k (below 2^63), which belongs to column k+1.
   */
  void mul(FieldElement a, FieldElement b) {
    long a0 = a.n0;
    long a1 = a.n1;
    long a2 = a.n2;
    long a3 = a.n3;
    long a4 = a.n4;
    long b0 = b.n0;
    long b1 = b.n1;
    long b2 = b.n2;
    long b3 = b.n3;
    long b4 = b.n4;
    long l0 = low(a0, b0);
    long h0 = high(a0, b0);
    long l1 = low(a0, b1) + low(a1, b0);
    long h1 = high(a0, b1) + high(a1, b0);
    long l2 = low(a0, b2) + low(a1, b1) + low(a2, b0);
    long h2 = high(a0, b2) + high(a1, b1) + high(a2, b0);
    long l3 = low(a0, b3) + low(a1, b2) + low(a2, b1) + low(a3, b0);
    long h3 = high(a0, b3) + high(a1, b2) + high(a2, b1) + high(a3, b0);
    long l4 = low(a0, b4) + low(a1, b3) + low(a2, b2) + low(a3, b1) + low(a4, b0);
    long h4 = high(a0, b4) + high(a1, b3) + high(a2, b2) + high(a3, b1) + high(a4, b0);
    long l5 = low(a1, b4) + low(a2, b3) + low(a3, b2) + low(a4, b1);
    long h5 = high(a1, b4) + high(a2, b3) + high(a3, b2) + high(a4, b1);
    long l6 = low(a2, b4) + low(a3, b3) + low(a4, b2);
    long h6 = high(a2, b4) + high(a3, b3) + high(a4, b2);
    long l7 = low(a3, b4) + low(a4, b3);
    long h7 = high(a3, b4) + high(a4, b3);
    long l8 = low(a4, b4);
    long h8 = high(a4, b4);
    reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8);
  }

  /** {@code this = a * a}: the cross products once, against doubled limbs. */
  void sqr(FieldElement a) {
    long a0 = a.n0;
    long a1 = a.n1;
    long a2 = a.n2;
    long a3 = a.n3;
    long a4 = a.n4;
    long d1 = 2 * a1;
    long d2 = 2 * a2;
    long d3 = 2 * a3;
    long d4 = 2 * a4;
    long l0 = low(a0, a0);
    long h0 = high(a0, a0);
    long l1 = low(a0, d1);
    long h1 = high(a0, d1);
    long l2 = low(a0, d2) + low(a1, a1);
    long h2 = high(a0, d2) + high(a1, a1);
    long l3 = low(a0, d3) + low(a1, d2);
    long h3 = high(a0, d3) + high(a1, d2);
    long l4 = low(a0, d4) + low(a1, d3) + low(a2, a2);
    long h4 = high(a0, d4) + high(a1, d3) + high(a2, a2);
    long l5 = low(a1, d4) + low(a2, d3);
    long h5 = high(a1, d4) + high(a2, d3);
    long l6 = low(a2, d4) + low(a3, a3);
    long h6 = high(a2, d4) + high(a3, a3);
    long l7 = low(a3, d4);
    long h7 = high(a3, d4);
    long l8 = low(a4, a4);
    long h8 = high(a4, a4);
    reduce(l0, l1 + h0, l2 + h1, l3 + h2, l4 + h3, l5 + h4, l6 + h5, l7 + h6, l8 + h7, h8);
  }

  /** The low 52 bits of {@code a * b}. */
  private static long low(long a, long b) {
    return a * b & MASK;
  }

  /** {@code a * b} from bit 52 up, for a product below 2^116. */
  private static long high(long a, long b) {
    return Math.multiplyHigh(a, b) << 12 | a * b >>> 52;
  }

  /**
   * Sets this to the column sums {@code t0 + t1 2^52 + ... + t9 2^468} (each below 2^63) reduced
   * to a weak element. Column 5 + j weighs 2^260 * 2^(52 j), and 2^260 = 2^36 + 0x3D10 mod p, so
   * its product with that (below 2^100) goes 52 bits to limb j and the rest to limb j + 1, before
   * any carrying; one carry pass then leaves only what lies above bit 256 to fold.
   */
  private void reduce(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7,
      long t8, long t9) {
    n0 = t0 + low(t5, FOLD_260);
    n1 = t1 + low(t6, FOLD_260) + high(t5, FOLD_260);
    n2 = t2 + low(t7, FOLD_260) + high(t6, FOLD_260);
    n3 = t3 + low(t8, FOLD_260) + high(t7, FOLD_260);
    n4 = t4 + low(t9, FOLD_260) + high(t8, FOLD_260);
    // Column 9's share of limb 5 weighs 2^260 = 2^256 * 16.
    foldTop(carry() + (high(t9, FOLD_260) << 4));
  }

  /**
   * Adds {@code top * 2^256 = top * (2^32 + 977)} to limbs 0 and 1 (2^32 split so that no shift
   * overflows) and carries them into limb 2: limbs 0 and 1 end below 2^52, limb 2 a few above.
   */
  private void foldTop(long top) {
    long c = n0 + top * FOLD_256_LOW + ((top & 0xFFFFFL) << 32);
    n0 = c & MASK;
    c = (c >>> 52) + n1 + (top >>> 20);
    n1 = c & MASK;
    n2 += c >>> 52;
  }

  /** Carries the limbs and folds what lies above bit 256 once: a weak element again. */
  void normalizeWeak() {
    long top = carry();
    foldTop(top);
  }

  /** Brings the element to its unique representation: exact limbs, value in [0, p). */
  void normalize() {
    // Each fold lowers the value while keeping it mod p; the loop ends below 2^256.
    long top;
    while ((top = carry()) != 0) {
      foldTop(top);
    }
    if (n4 == TOP_MASK && (n3 & n2 & n1) == MASK && n0 >= P0) {
      // value - p = value + 2^32 + 977 - 2^256, and the carry out of limb 4 is that 2^256.
      n0 += 0x1000003D1L;
      carry();
    }
  }

  /** Carries limbs 0 to 4 into 52 bits each and 48 for the top; returns what lies above. */
  private long carry() {
    n1 += n0 >>> 52;
    n0 &= MASK;
    n2 += n1 >>> 52;
    n1 &= MASK;
    n3 += n2 >>> 52;
    n2 &= MASK;
    n4 += n3 >>> 52;
    n3 &= MASK;
    long top = n4 >>> 48;
    n4 &= TOP_MASK;
    return top;
  }

  /** True when both are normalised to the same value. */
  boolean equalsNormalized(FieldElement other) {
    return n0 == other.n0 && n1 == other.n1 && n2 == other.n2 && n3 == other.n3
        && n4 == other.n4;
  }

  /** True for a normalised zero. */
  boolean isZeroNormalized() {
    return (n0 | n1 | n2 | n3 | n4) == 0;
  }

  /** The lowest bit of a normalised element. */
  int parityNormalized() {
    return (int) (n0 & 1);
  }

  /**
   * {@code this = 1 / this} for a non-zero element, by Bouncy Castle's variable-time safegcd
   * (Bernstein-Yang divsteps), several times cheaper than raising to p - 2.
   */
  void invert() {
    normalize();
    long[] longs = new long[WORDS];
    store(longs, 0);
    int[] words = new int[2 * WORDS];
    for (int i = 0; i < WORDS; i++) {
      words[2 * i] = (int) longs[i];
      words[2 * i + 1] = (int) (longs[i] >>> 32);
    }
    int[] inverse = new int[2 * WORDS];
    if (!Mod.modOddInverseVar(P_WORDS, words, inverse)) {
      throw new ArithmeticException("zero has no inverse");
    }
    for (int i = 0; i < WORDS; i++) {
      longs[i] = inverse[2 * i] & 0xFFFFFFFFL | (long) inverse[2 * i + 1] << 32;
    }
    load(longs, 0);
  }
}
