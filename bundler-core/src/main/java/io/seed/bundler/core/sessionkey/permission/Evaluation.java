package io.seed.bundler.core.sessionkey.permission;

import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The state of judging one operation: what stateful budgets have consumed so far (including the
 * pending operations of the same grant judged before it), the validity window the rules narrowed,
 * and whether some rule could not be judged here.
 *
 * <p>Budgets are keyed by the identity of the rule object that owns them, so two equal rules of
 * different actions keep separate counters, as the contracts keep separate storage for them.
 */
public final class Evaluation {
  private static final int SLOTS = 2;

  private final Map<Object, BigInteger[]> consumed;
  private long validAfter;
  private long validUntil;
  private String undecided;

  /** A fresh evaluation with nothing consumed and an unbounded window. */
  public Evaluation() {
    this(new IdentityHashMap<>());
  }

  private Evaluation(Map<Object, BigInteger[]> consumed) {
    this.consumed = consumed;
  }

  /** A child that sees what this one consumed; its own consumption stays apart until adopted. */
  public Evaluation fork() {
    Map<Object, BigInteger[]> copy = new IdentityHashMap<>();
    consumed.forEach((owner, slots) -> copy.put(owner, slots.clone()));
    return new Evaluation(copy);
  }

  /** Takes over the budgets {@code child} consumed: that operation will run before the next. */
  public void adopt(Evaluation child) {
    consumed.clear();
    child.consumed.forEach((owner, slots) -> consumed.put(owner, slots.clone()));
  }

  /** What the budget owned by {@code owner} consumed so far in this evaluation (zero if none). */
  public BigInteger consumed(Object owner) {
    BigInteger value = recorded(owner, 0);
    return value == null ? BigInteger.ZERO : value;
  }

  /** Sets the consumption of the budget owned by {@code owner}. */
  public void setConsumed(Object owner, BigInteger amount) {
    record(owner, 0, amount);
  }

  /** The value a budget with several counters recorded in {@code slot} (0 or 1), or null. */
  public BigInteger recorded(Object owner, int slot) {
    BigInteger[] slots = consumed.get(owner);
    return slots == null ? null : slots[slot];
  }

  /** Records {@code value} in counter {@code slot} (0 or 1) of the budget of {@code owner}. */
  public void record(Object owner, int slot, BigInteger value) {
    consumed.computeIfAbsent(owner, ignored -> new BigInteger[SLOTS])[slot] = value;
  }

  /** Intersects the window with {@code [after, until]}; {@code until == 0} means no end. */
  public void narrowWindow(long after, long until) {
    validAfter = Math.max(validAfter, after);
    if (until != 0 && (validUntil == 0 || until < validUntil)) {
      validUntil = until;
    }
  }

  /** Earliest second the operation is valid (0 = no bound). */
  public long validAfter() {
    return validAfter;
  }

  /** Last second the operation is valid (0 = no end). */
  public long validUntil() {
    return validUntil;
  }

  /** Marks the operation as not judgeable here; the first reason is kept. */
  public void undecided(String reason) {
    if (undecided == null) {
      undecided = reason;
    }
  }

  /** Why some rule could not be judged, or null when every rule was judged. */
  public String undecidedReason() {
    return undecided;
  }
}
