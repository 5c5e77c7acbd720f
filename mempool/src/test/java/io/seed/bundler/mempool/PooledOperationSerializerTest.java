package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.Eip7702Authorization;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PooledOperationSerializerTest {
  private final PooledOperationSerializer serializer = new PooledOperationSerializer();

  @ParameterizedTest
  @EnumSource(EntryPointVersion.class)
  void shouldRoundTripMinimalOperationUnderEveryRelease(EntryPointVersion version) {
    PooledOperation pooled =
        new PooledOperation(0, TestOps.from(1).entryPoint(EntryPoint.canonical(version)).build());

    assertThat(serializer.deserialize(serializer.serialize(pooled))).isEqualTo(pooled);
  }

  @Test
  void shouldRoundTripEveryOptionalFieldAndExtremeValues() {
    BigInteger max128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    BigInteger max256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    PackedUserOperation op = new PackedUserOperation(
        address(1), max256, address(2), Bytes.fromHex("0xdeadbeef"), Bytes.wrap(new byte[3000]),
        max128, BigInteger.ONE, max256, max128, BigInteger.ZERO, address(3),
        BigInteger.valueOf(70_000), max128, Bytes.fromHex("0x01"), Bytes.wrap(new byte[65]),
        new Eip7702Authorization(
            BigInteger.valueOf(31337), address(4), BigInteger.TWO, 1, max256, BigInteger.ONE));
    PoolEntry entry = new PoolEntry(
        TestOps.from(1).build().userOpHash(), EntryPoint.canonical(EntryPointVersion.V0_8), op,
        1_700_000_000L, 1_800_000_000L, Instant.parse("2025-06-01T12:34:56.789012345Z"),
        EntityStakes.NONE, CodeHashes.NONE, AccessedStorage.NONE);
    PooledOperation pooled = new PooledOperation(Long.MAX_VALUE, entry);

    assertThat(serializer.deserialize(serializer.serialize(pooled))).isEqualTo(pooled);
  }

  @Test
  void shouldRoundTripTheEntitiesStakes() {
    PoolEntry unstaked = TestOps.from(1).factory(address(2)).paymaster(address(3)).build();
    PoolEntry entry = new PoolEntry(
        unstaked.userOpHash(), unstaked.entryPoint(), unstaked.operation(), 0, 0,
        unstaked.receivedAt(),
        new EntityStakes(
            new StakeInfo(BigInteger.TEN.pow(18), BigInteger.TWO),
            new StakeInfo(BigInteger.ONE, BigInteger.valueOf(86_400)),
            StakeInfo.NONE),
        CodeHashes.NONE, AccessedStorage.NONE);
    PooledOperation pooled = new PooledOperation(7, entry);

    assertThat(serializer.deserialize(serializer.serialize(pooled))).isEqualTo(pooled);
  }

  @Test
  void shouldReadFormatOneRecordsAsUnstaked() {
    PooledOperation pooled = new PooledOperation(5, TestOps.from(1).paymaster(address(9)).build());
    byte[] current = serializer.serialize(pooled);
    // Format 1 had no stakes: six zero integers (one byte each) after receivedAt, and neither code
    // hashes nor storage: their counts (4 bytes each) at the end.
    int stakesAt = 1 + 8 + 32 + 20 + 1 + 8 + 8 + 8 + 4;
    byte[] formatOne = new byte[current.length - 6 - 8];
    System.arraycopy(current, 0, formatOne, 0, stakesAt);
    System.arraycopy(current, stakesAt + 6, formatOne, stakesAt, formatOne.length - stakesAt);
    formatOne[0] = 1;

    PooledOperation read = serializer.deserialize(formatOne);

    assertThat(read).isEqualTo(pooled);
    assertThat(read.entry().stakes()).isEqualTo(EntityStakes.NONE);
  }

  @Test
  void shouldRoundTripTheCodeHashesValidationRecorded() {
    PoolEntry entry = TestOps.from(1).factory(address(2))
        .codeHashes(new CodeHashes(
            Map.of(address(1), Bytes32.ZERO, address(2), Bytes32.fromUint(BigInteger.TEN))))
        .build();
    PooledOperation pooled = new PooledOperation(3, entry);

    assertThat(serializer.deserialize(serializer.serialize(pooled))).isEqualTo(pooled);
  }

  @Test
  void shouldRoundTripTheStorageValidationUsed() {
    PoolEntry entry = TestOps.from(1).paymaster(address(2))
        .storage(new AccessedStorage(Set.of(address(5), address(6), address(7))))
        .build();
    PooledOperation pooled = new PooledOperation(3, entry);

    PooledOperation read = serializer.deserialize(serializer.serialize(pooled));

    assertThat(read).isEqualTo(pooled);
    assertThat(read.entry().storage().contracts())
        .containsExactly(address(5), address(6), address(7));
  }

  @Test
  void shouldReadFormatThreeRecordsWithCodeHashesAndWithoutStorage() {
    CodeHashes codeHashes = new CodeHashes(Map.of(address(2), Bytes32.fromUint(BigInteger.TEN)));
    PooledOperation pooled = new PooledOperation(
        5, TestOps.from(1).factory(address(2)).codeHashes(codeHashes).build());
    byte[] current = serializer.serialize(pooled);
    // Format 3 ended after the code hashes, before the storage's count.
    byte[] formatThree = Arrays.copyOf(current, current.length - 4);
    formatThree[0] = 3;

    PooledOperation read = serializer.deserialize(formatThree);

    assertThat(read).isEqualTo(pooled);
    assertThat(read.entry().codeHashes()).isEqualTo(codeHashes);
    assertThat(read.entry().storage()).isEqualTo(AccessedStorage.NONE);
  }

  @Test
  void shouldReadFormatTwoRecordsWithoutCodeHashes() {
    PooledOperation pooled = new PooledOperation(5, TestOps.from(1).factory(address(2)).build());
    byte[] current = serializer.serialize(pooled);
    // Format 2 ended before the code hashes' count.
    byte[] formatTwo = Arrays.copyOf(current, current.length - 8);
    formatTwo[0] = 2;

    PooledOperation read = serializer.deserialize(formatTwo);

    assertThat(read).isEqualTo(pooled);
    assertThat(read.entry().codeHashes()).isEqualTo(CodeHashes.NONE);
  }

  @Test
  void shouldRefuseUnknownFormat() {
    byte[] bytes = serializer.serialize(new PooledOperation(5, TestOps.from(1).build()));
    bytes[0] = 5;

    assertThatThrownBy(() -> serializer.deserialize(bytes))
        .hasMessageContaining("format 5, this bundler reads formats 1 to 4");
  }

  @Test
  void shouldRefuseEveryTruncationAndTrailingBytes() {
    byte[] bytes = serializer.serialize(
        new PooledOperation(5, TestOps.from(1).paymaster(address(9)).factory(address(8))
            .codeHashes(new CodeHashes(Map.of(address(8), Bytes32.ZERO)))
            .storage(new AccessedStorage(Set.of(address(7))))
            .build()));

    Stream.iterate(0, n -> n < bytes.length, n -> n + 1).forEach(length ->
        assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(bytes, length)))
            .isInstanceOf(IllegalArgumentException.class));
    assertThatThrownBy(() -> serializer.deserialize(Arrays.copyOf(bytes, bytes.length + 1)))
        .hasMessageContaining("stray bytes");
  }
}
