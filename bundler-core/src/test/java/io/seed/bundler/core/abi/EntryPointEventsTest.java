package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;

class EntryPointEventsTest {
  private static final Bytes32 HASH = Bytes32.fromHex("0x" + "ab".repeat(32));
  private static final Address SENDER =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Address PAYMASTER =
      Address.fromHex("0x3333333333333333333333333333333333333333");

  @Test
  void shouldUseTheEntryPointTopics() {
    assertThat(EntryPointEvents.USER_OPERATION_EVENT.toHex())
        .isEqualTo("0x49628fd1471006c1482da88028e9ce4dbb080b815c9b0344d39e5a8e6ec1419f");
    assertThat(EntryPointEvents.USER_OPERATION_REVERT_REASON.toHex())
        .isEqualTo("0x1c4fada7374c0a9ee8841fc38afe82932dc0f8e69012e927f061a8bae611a201");
    assertThat(EntryPointEvents.BEFORE_EXECUTION.toHex())
        .isEqualTo("0xbb47ee3e183a558b1a2ff0874b079f3fc5478b7454eacf2bfc5af2ff5878f972");
  }

  @Test
  void shouldDecodeUserOperationEvent() {
    Bytes data =
        encode(
            new Uint256(5),
            new Bool(true),
            new Uint256(BigInteger.valueOf(123_456_789L)),
            new Uint256(98_765));

    UserOperationEvent event =
        EntryPointEvents.decodeUserOperationEvent(
            List.of(EntryPointEvents.USER_OPERATION_EVENT, HASH, word(SENDER), word(PAYMASTER)),
            data);

    assertThat(event)
        .isEqualTo(
            new UserOperationEvent(
                HASH,
                SENDER,
                PAYMASTER,
                BigInteger.valueOf(5),
                true,
                BigInteger.valueOf(123_456_789L),
                BigInteger.valueOf(98_765)));
  }

  @Test
  void shouldDecodeUserOperationRevertReason() {
    Bytes reason = Bytes.fromHex("0x08c379a0" + "00".repeat(40));
    Bytes data = encode(new Uint256(9), new DynamicBytes(reason.toArray()));

    UserOperationRevertReason decoded =
        EntryPointEvents.decodeUserOperationRevertReason(
            List.of(EntryPointEvents.USER_OPERATION_REVERT_REASON, HASH, word(SENDER)), data);

    assertThat(decoded)
        .isEqualTo(new UserOperationRevertReason(HASH, SENDER, BigInteger.valueOf(9), reason));
  }

  @Test
  void shouldRefuseALogOfAnotherEvent() {
    List<Bytes32> topics =
        List.of(EntryPointEvents.BEFORE_EXECUTION, HASH, word(SENDER), word(PAYMASTER));

    assertThatThrownBy(
            () -> EntryPointEvents.decodeUserOperationEvent(topics, Bytes.wrap(new byte[128])))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldRefuseTruncatedEventData() {
    List<Bytes32> topics =
        List.of(EntryPointEvents.USER_OPERATION_EVENT, HASH, word(SENDER), word(PAYMASTER));

    assertThatThrownBy(
            () -> EntryPointEvents.decodeUserOperationEvent(topics, Bytes.wrap(new byte[96])))
        .isInstanceOf(AbiDecodingException.class);
  }

  private static Bytes32 word(Address address) {
    byte[] word = new byte[32];
    address.copyTo(word, 12);
    return Bytes32.of(word);
  }

  private static Bytes encode(org.web3j.abi.datatypes.Type<?>... values) {
    return Bytes.fromHex("0x" + FunctionEncoder.encodeConstructor(List.of(values)));
  }
}
