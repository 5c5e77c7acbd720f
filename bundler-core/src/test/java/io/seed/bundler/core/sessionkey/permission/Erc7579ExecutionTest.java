package io.seed.bundler.core.sessionkey.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Erc7579ExecutionTest {
  private static final Address TOKEN =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Bytes TRANSFER = CallData.call(0xa9059cbb, BigInteger.ONE, BigInteger.TEN);

  @Test
  void shouldDecodeASingleCall() {
    Erc7579Execution execution =
        Erc7579Execution.decode(CallData.single(TOKEN, BigInteger.TWO, TRANSFER));

    assertThat(execution.modeCallType()).isEqualTo(Erc7579Execution.SINGLE);
    assertThat(execution.calls()).containsExactly(
        new Call(CallType.CALL, TOKEN, BigInteger.TWO, TRANSFER));
  }

  @Test
  void shouldDecodeABatchAsPlainCalls() {
    Call first = new Call(CallType.CALL, TOKEN, BigInteger.ZERO, TRANSFER);
    Call second = new Call(CallType.CALL, Address.ZERO, BigInteger.ONE, Bytes.EMPTY);

    assertThat(Erc7579Execution.decode(CallData.batch(first, second)).calls())
        .containsExactly(first, second);
  }

  @Test
  void shouldDecodeADelegatecallWithoutValue() {
    assertThat(Erc7579Execution.decode(CallData.delegate(TOKEN, TRANSFER)).calls())
        .containsExactly(new Call(CallType.DELEGATECALL, TOKEN, BigInteger.ZERO, TRANSFER));
  }

  @Test
  void shouldRejectOtherSelectorsCallTypesAndShortExecutions() {
    assertThatThrownBy(() -> Erc7579Execution.decode(TRANSFER))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("not execute");
    assertThatThrownBy(() -> Erc7579Execution.decode(CallData.execute(0xfe, 0, TRANSFER)))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("call type 0xfe");
    assertThatThrownBy(() -> Erc7579Execution.decode(CallData.execute(0, 0, Bytes.wrap(
        new byte[51])))).isInstanceOf(SessionKeyDecodingException.class);
    assertThatThrownBy(() -> Erc7579Execution.decode(CallData.execute(0xff, 0, Bytes.wrap(
        new byte[19])))).isInstanceOf(SessionKeyDecodingException.class);
  }

  @Test
  void shouldFailOnlyWithTheTypedExceptionOnCorruptedInput() {
    Bytes valid = CallData.batch(new Call(CallType.CALL, TOKEN, BigInteger.ZERO, TRANSFER),
        new Call(CallType.CALL, TOKEN, BigInteger.ONE, TRANSFER));
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      byte[] corrupted = valid.toArray();
      int cut = random.nextInt(corrupted.length + 1);
      corrupted[random.nextInt(corrupted.length)] ^= (byte) (1 << random.nextInt(8));
      Bytes input = Bytes.wrap(Arrays.copyOf(corrupted, cut));
      try {
        Erc7579Execution.decode(input);
      } catch (SessionKeyDecodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
