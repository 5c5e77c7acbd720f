package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * A condition on the 32-byte word {@code offset} bytes after the selector of a call's data. A
 * word past the end of the data fails the rule: the contracts slice calldata with bounds checks,
 * so such a call reverts.
 */
public final class ArgumentRule implements CallRule {
  private static final BigInteger LOW_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private final Condition condition;
  private final long offset;
  private final List<Bytes32> references;
  private final byte[][] referenceWords;

  /**
   * A rule; {@code references} holds one value, any number for {@link Condition#ONE_OF} (none is
   * a rule no word passes: CallPolicy installs it and then reverts every call it guards), and
   * {@code [start, length, hash]} for {@link Condition#SLICE_EQUAL}.
   */
  public ArgumentRule(Condition condition, long offset, List<Bytes32> references) {
    this.condition = Objects.requireNonNull(condition, "condition");
    this.references = List.copyOf(references);
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    int expected = switch (condition) {
      case ONE_OF -> -1;
      case SLICE_EQUAL -> 3;
      default -> 1;
    };
    if (expected != -1 && this.references.size() != expected) {
      throw new IllegalArgumentException(condition + " takes " + expected + " reference(s)");
    }
    this.offset = offset;
    this.referenceWords = this.references.stream().map(Bytes32::toArray).toArray(byte[][]::new);
  }

  /** The condition. */
  public Condition condition() {
    return condition;
  }

  /** Byte offset of the word after the 4-byte selector. */
  public long offset() {
    return offset;
  }

  /** The reference values. */
  public List<Bytes32> references() {
    return references;
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    Bytes data = call.data();
    int at = CallDataWords.argumentWord(data, offset);
    String name = CallDataWords.describe(offset);
    if (at < 0) {
      return name + " is missing from the call data";
    }
    return switch (condition) {
      case EQUAL -> compare(data, at) == 0 ? null : name + " must be == " + reference(0);
      case GREATER_THAN -> compare(data, at) > 0 ? null : name + " must be > " + reference(0);
      case LESS_THAN -> compare(data, at) < 0 ? null : name + " must be < " + reference(0);
      case GREATER_THAN_OR_EQUAL ->
          compare(data, at) >= 0 ? null : name + " must be >= " + reference(0);
      case LESS_THAN_OR_EQUAL ->
          compare(data, at) <= 0 ? null : name + " must be <= " + reference(0);
      case NOT_EQUAL -> compare(data, at) != 0 ? null : name + " must be != " + reference(0);
      case ONE_OF -> oneOf(data, at) ? null : name + " must be one of " + allReferences();
      case IN_RANGE -> inRange(data, at);
      case SLICE_EQUAL -> sliceEqual(data, at, name, evaluation);
    };
  }

  private int compare(Bytes data, int at) {
    return CallDataWords.compare(data, at, referenceWords[0]);
  }

  private boolean oneOf(Bytes data, int at) {
    for (byte[] reference : referenceWords) {
      if (CallDataWords.compare(data, at, reference) == 0) {
        return true;
      }
    }
    return false;
  }

  private String inRange(Bytes data, int at) {
    BigInteger bounds = references.get(0).toUint();
    BigInteger low = bounds.shiftRight(128);
    BigInteger high = bounds.and(LOW_128);
    BigInteger value = CallDataWords.uint(data, at);
    if (value.compareTo(low) >= 0 && value.compareTo(high) <= 0) {
      return null;
    }
    return CallDataWords.describe(offset)
        + " must be in ["
        + CallDataWords.render(low)
        + ", "
        + CallDataWords.render(high)
        + "]";
  }

  /**
   * The head word points (relative to the arguments) at the length of a dynamic argument. The
   * contract reads that length and the bytes without bounds checks, so reads past the call's own
   * data see whatever calldata follows: such a call is left to simulation.
   */
  private String sliceEqual(Bytes data, int at, String name, Evaluation evaluation) {
    BigInteger start = references.get(0).toUint();
    BigInteger length = references.get(1).toUint();
    BigInteger lengthWord = CallDataWords.uint(data, at).add(BigInteger.valueOf(4));
    if (lengthWord.add(BigInteger.valueOf(CallDataWords.WORD)).compareTo(size(data)) > 0) {
      evaluation.undecided(name + " points past the call data");
      return null;
    }
    int lengthAt = lengthWord.intValueExact();
    BigInteger argumentLength = CallDataWords.uint(data, lengthAt);
    if (argumentLength.compareTo(start.add(length)) < 0) {
      return name + " is shorter than " + start.add(length) + " bytes";
    }
    BigInteger from = lengthWord.add(BigInteger.valueOf(CallDataWords.WORD)).add(start);
    if (from.add(length).compareTo(size(data)) > 0) {
      evaluation.undecided(name + " extends past the call data");
      return null;
    }
    Bytes slice = data.slice(from.intValueExact(), from.add(length).intValueExact());
    if (Bytes32.of(Hash.sha3(slice.toArray())).equals(references.get(2))) {
      return null;
    }
    return name + " bytes [" + start + ", " + start.add(length) + ") must hash to "
        + references.get(2);
  }

  private static BigInteger size(Bytes data) {
    return BigInteger.valueOf(data.length());
  }

  private String reference(int index) {
    return CallDataWords.render(references.get(index).toUint());
  }

  private String allReferences() {
    return references.stream()
        .map(reference -> CallDataWords.render(reference.toUint()))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArgumentRule that
        && condition == that.condition
        && offset == that.offset
        && references.equals(that.references);
  }

  @Override
  public int hashCode() {
    return Objects.hash(condition, offset, references);
  }

  @Override
  public String toString() {
    return "ArgumentRule[" + condition + " at " + offset + " " + references + "]";
  }
}
