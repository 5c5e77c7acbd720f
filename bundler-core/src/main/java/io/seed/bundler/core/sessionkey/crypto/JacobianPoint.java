package io.seed.bundler.core.sessionkey.crypto;

/**
 * A mutable sum of curve points in Jacobian coordinates (x = X/Z², y = Y/Z³) that affine table
 * entries are added to in place, with its scratch elements: a table walk allocates nothing.
 *
 * <p>The mixed addition (8 multiplications, 3 squarings) is only correct for two distinct points
 * that are not each other's negation. Rather than test for those cases on every addition, the
 * walk relies on Z₃ = Z₁·(U₂ - X₁): an addition hitting either case sets Z to zero, and Z stays
 * zero from then on, so one test at the end ({@link #isExact}) tells whether the sum can be
 * trusted. A point at infinity as the true sum shows the same way.
 */
final class JacobianPoint {
  private final FieldElement x = new FieldElement();
  private final FieldElement y = new FieldElement();
  private final FieldElement z = new FieldElement();
  private boolean empty = true;

  private final FieldElement addendX = new FieldElement();
  private final FieldElement addendY = new FieldElement();
  private final FieldElement z1z1 = new FieldElement();
  private final FieldElement u2 = new FieldElement();
  private final FieldElement s2 = new FieldElement();
  private final FieldElement h = new FieldElement();
  private final FieldElement r = new FieldElement();
  private final FieldElement hh = new FieldElement();
  private final FieldElement hhh = new FieldElement();
  private final FieldElement v = new FieldElement();
  private final FieldElement t = new FieldElement();

  /** Makes this the same sum as {@code other}. */
  void set(JacobianPoint other) {
    x.set(other.x);
    y.set(other.y);
    z.set(other.z);
    empty = other.empty;
  }

  /**
   * Adds the affine point whose packed x and y words start at {@code offset} of {@code
   * table}, negated (y replaced by p - y) when {@code negate}.
   */
  void addAffine(long[] table, int offset, boolean negate) {
    int yOffset = offset + FieldElement.WORDS;
    if (empty) {
      x.load(table, offset);
      loadY(y, table, yOffset, negate);
      y.normalizeWeak();
      z.setOne();
      empty = false;
      return;
    }
    addendX.load(table, offset);
    loadY(addendY, table, yOffset, negate);
    // The addend in the sum's coordinates: U₂ = x₂Z₁², S₂ = y₂Z₁³.
    z1z1.sqr(z);
    u2.mul(addendX, z1z1);
    s2.mul(z, z1z1);
    s2.mul(addendY, s2);
    // H = U₂ - X₁ and R = S₂ - Y₁ are zero for equal points; Z₃ = Z₁H keeps that zero.
    h.sub(u2, x);
    r.sub(s2, y);
    z.mul(z, h);
    hh.sqr(h);
    hhh.mul(h, hh);
    // X₃ = R² - H³ - 2V with V = X₁H², and Y₃ = R(V - X₃) - Y₁H³.
    v.mul(x, hh);
    t.add(v, v);
    t.add(t, hhh);
    x.sqr(r);
    x.sub(x, t);
    x.normalizeWeak();
    v.sub(v, x);
    v.mul(r, v);
    hhh.mul(y, hhh);
    y.sub(v, hhh);
    y.normalizeWeak();
  }

  private static void loadY(FieldElement target, long[] table, int offset, boolean negate) {
    if (negate) {
      target.loadNegated(table, offset);
    } else {
      target.load(table, offset);
    }
  }

  /**
   * False when the sum is empty, or Z is zero: an addition met equal or opposite points, or the
   * true sum is the point at infinity. Only an exact sum may be asked for its coordinates.
   */
  boolean isExact() {
    if (empty) {
      return false;
    }
    t.set(z);
    t.normalize();
    return !t.isZeroNormalized();
  }

  /** True when the affine x is {@code affineX} (normalised): X = x·Z², with no inversion. */
  boolean hasAffineX(FieldElement affineX) {
    t.sqr(z);
    t.mul(t, affineX);
    t.normalize();
    h.set(x);
    h.normalize();
    return t.equalsNormalized(h);
  }

  /** The parity of the affine y = Y/Z³: the one inversion of a check. */
  int affineYParity() {
    h.set(z);
    h.invert();
    t.sqr(h);
    t.mul(t, h);
    t.mul(t, y);
    t.normalize();
    return t.parityNormalized();
  }
}
