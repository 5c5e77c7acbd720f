package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.IncludedRecords.included;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IncludedOperationSerializerTest {
  private final IncludedOperationSerializer serializer = new IncludedOperationSerializer();

  @Test
  void shouldRoundTripAnOperationWithItsPoolEntry() {
    IncludedOperation operation =
        included(
            TestOps.from(1).factory(address(2)).paymaster(address(3))
                .stakes(new EntityStakes(StakeInfo.NONE, StakeInfo.NONE,
                    new StakeInfo(BigInteger.TEN, BigInteger.TWO)))
                .build(),
            42);

    assertThat(serializer.deserialize(serializer.serialize(operation))).isEqualTo(operation);
  }

  @Test
  void shouldRoundTripAnOperationTheBundlerNeverHeld() {
    IncludedOperation held = included(TestOps.from(1).build(), 42);
    UserOperationEvent failed =
        new UserOperationEvent(
            held.userOpHash(), held.event().sender(), held.event().paymaster(), BigInteger.ONE
                .shiftLeft(255),
            false, BigInteger.ZERO, BigInteger.ONE);
    IncludedOperation foreign =
        new IncludedOperation(
            held.userOpHash(), held.entryPoint(), null, Long.MAX_VALUE, held.blockHash(),
            Bytes32.ZERO, failed);

    assertThat(serializer.deserialize(serializer.serialize(foreign))).isEqualTo(foreign);
  }

  @Test
  void shouldRefuseUnknownFormat() {
    byte[] bytes = serializer.serialize(included(TestOps.from(1).build(), 1));
    bytes[0] = 9;

    assertThatThrownBy(() -> serializer.deserialize(bytes))
        .hasMessageContaining("format 9, this bundler reads format 1");
  }

  @Test
  void shouldRefuseEveryTruncationAndTrailingBytes() {
    byte[] bytes = serializer.serialize(included(TestOps.from(1).paymaster(address(9)).build(), 3));

    Stream.iterate(0, n -> n < bytes.length, n -> n + 1).forEach(length ->
        assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(bytes, length)))
            .isInstanceOf(IllegalArgumentException.class));
    assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("stray bytes");
  }
}
