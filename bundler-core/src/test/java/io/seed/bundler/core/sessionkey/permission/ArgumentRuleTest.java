package io.seed.bundler.core.sessionkey.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;

class ArgumentRuleTest {
  private static final Address TOKEN =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final BigInteger HIGH = BigInteger.ONE.shiftLeft(255);

  private static Call transfer(BigInteger amount) {
    return new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
        CallData.call(0xa9059cbb, BigInteger.ONE, amount));
  }

  private static Bytes32 word(long value) {
    return Bytes32.fromUint(BigInteger.valueOf(value));
  }

  private static String check(ArgumentRule rule, Call call) {
    return rule.check(call, new Evaluation());
  }

  static Stream<Arguments> comparisons() {
    return Stream.of(
        Arguments.of(Condition.EQUAL, 100, 100, true),
        Arguments.of(Condition.EQUAL, 100, 101, false),
        Arguments.of(Condition.GREATER_THAN, 100, 101, true),
        Arguments.of(Condition.GREATER_THAN, 100, 100, false),
        Arguments.of(Condition.LESS_THAN, 100, 99, true),
        Arguments.of(Condition.LESS_THAN, 100, 100, false),
        Arguments.of(Condition.GREATER_THAN_OR_EQUAL, 100, 100, true),
        Arguments.of(Condition.GREATER_THAN_OR_EQUAL, 100, 99, false),
        Arguments.of(Condition.LESS_THAN_OR_EQUAL, 100, 100, true),
        Arguments.of(Condition.LESS_THAN_OR_EQUAL, 100, 101, false),
        Arguments.of(Condition.NOT_EQUAL, 100, 101, true),
        Arguments.of(Condition.NOT_EQUAL, 100, 100, false));
  }

  @ParameterizedTest(name = "{0} {1} vs {2} passes: {3}")
  @MethodSource("comparisons")
  void shouldCompareTheArgumentWord(Condition condition, long reference, long value,
      boolean passes) {
    ArgumentRule rule = new ArgumentRule(condition, 32, List.of(word(reference)));

    String violation = check(rule, transfer(BigInteger.valueOf(value)));

    assertThat(violation == null).isEqualTo(passes);
    if (!passes) {
      assertThat(violation).startsWith("argument 1 must be ");
    }
  }

  @Test
  void shouldCompareWordsAsUnsignedIntegers() {
    ArgumentRule rule = new ArgumentRule(Condition.LESS_THAN_OR_EQUAL, 32, List.of(word(5)));

    assertThat(check(rule, transfer(HIGH))).isEqualTo("argument 1 must be <= 5");
  }

  @Test
  void shouldAcceptAnyOfTheOneOfReferences() {
    ArgumentRule rule = new ArgumentRule(Condition.ONE_OF, 32, List.of(word(1), word(7)));

    assertThat(check(rule, transfer(BigInteger.valueOf(7)))).isNull();
    assertThat(check(rule, transfer(BigInteger.valueOf(2))))
        .isEqualTo("argument 1 must be one of [1, 7]");
  }

  @Test
  void shouldCheckInRangeBothEndsIncluded() {
    Bytes32 bounds = Bytes32.fromUint(BigInteger.TEN.shiftLeft(128).or(BigInteger.valueOf(20)));
    ArgumentRule rule = new ArgumentRule(Condition.IN_RANGE, 32, List.of(bounds));

    assertThat(check(rule, transfer(BigInteger.TEN))).isNull();
    assertThat(check(rule, transfer(BigInteger.valueOf(20)))).isNull();
    assertThat(check(rule, transfer(BigInteger.valueOf(9))))
        .isEqualTo("argument 1 must be in [10, 20]");
    assertThat(check(rule, transfer(BigInteger.valueOf(21)))).isNotNull();
  }

  @Test
  void shouldFailAWordPastTheEndOfTheCallData() {
    ArgumentRule rule = new ArgumentRule(Condition.EQUAL, 64, List.of(word(0)));

    assertThat(check(rule, transfer(BigInteger.ONE))).isEqualTo(
        "argument 2 is missing from the call data");
  }

  private static Call setName(String name) {
    byte[] text = name.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 31) / 32 * 32;
    Bytes head = CallData.call(0x12345678, BigInteger.ONE, BigInteger.valueOf(64),
        BigInteger.valueOf(text.length));
    byte[] tail = new byte[padded];
    System.arraycopy(text, 0, tail, 0, text.length);
    return new Call(CallType.CALL, TOKEN, BigInteger.ZERO, Bytes.concat(head, Bytes.wrap(tail)));
  }

  private static ArgumentRule sliceEqual(int start, String expected) {
    byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
    return new ArgumentRule(Condition.SLICE_EQUAL, 32,
        List.of(word(start), word(bytes.length), Bytes32.of(Hash.sha3(bytes))));
  }

  @Test
  void shouldHashTheSliceOfADynamicArgument() {
    assertThat(check(sliceEqual(0, "hello"), setName("hello world"))).isNull();
    assertThat(check(sliceEqual(6, "world"), setName("hello world"))).isNull();
    assertThat(check(sliceEqual(0, "howdy"), setName("hello world")))
        .startsWith("argument 1 bytes [0, 5) must hash to ");
    assertThat(check(sliceEqual(8, "world"), setName("hello world")))
        .isEqualTo("argument 1 is shorter than 13 bytes");
  }

  @Test
  void shouldLeaveASliceOutsideTheCallToSimulation() {
    Call call = new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
        CallData.call(0x12345678, BigInteger.ONE, BigInteger.valueOf(4096)));
    Evaluation evaluation = new Evaluation();

    assertThat(sliceEqual(0, "hello").check(call, evaluation)).isNull();
    assertThat(evaluation.undecidedReason()).contains("points past the call data");
  }

  @Test
  void shouldRequireTheReferenceCountOfEachCondition() {
    assertThatThrownBy(() -> new ArgumentRule(Condition.EQUAL, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArgumentRule(Condition.SLICE_EQUAL, 0, List.of(word(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFailEveryWordAgainstAnEmptyOneOf() {
    ArgumentRule rule = new ArgumentRule(Condition.ONE_OF, 32, List.of());

    assertThat(check(rule, transfer(BigInteger.ZERO)))
        .isEqualTo("argument 1 must be one of []");
  }
}
