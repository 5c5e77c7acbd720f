package io.seed.bundler.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class InMemoryIncludedOperationsTest {
  private static final Bytes32 BLOCK_A = hash(0xa0);
  private static final Bytes32 BLOCK_B = hash(0xb0);

  @Test
  void shouldFindAnIndexedOperationByHash() {
    InMemoryIncludedOperations index = new InMemoryIncludedOperations(10);
    IncludedOperation op = included(1, BLOCK_A);

    index.put(op);

    assertThat(index.get(op.userOpHash())).contains(op);
    assertThat(index.get(hash(99))).isEmpty();
  }

  @Test
  void shouldRemoveOnlyTheOperationsOfTheAbandonedBlock() {
    InMemoryIncludedOperations index = new InMemoryIncludedOperations(10);
    IncludedOperation first = included(1, BLOCK_A);
    IncludedOperation second = included(2, BLOCK_A);
    IncludedOperation other = included(3, BLOCK_B);
    index.put(first);
    index.put(second);
    index.put(other);

    assertThat(index.removeBlock(BLOCK_A)).containsExactly(first, second);

    assertThat(index.get(first.userOpHash())).isEmpty();
    assertThat(index.get(other.userOpHash())).contains(other);
    assertThat(index.removeBlock(BLOCK_A)).isEmpty();
  }

  @Test
  void shouldMoveAnOperationReincludedInAnotherBlock() {
    InMemoryIncludedOperations index = new InMemoryIncludedOperations(10);
    index.put(included(1, BLOCK_A));
    IncludedOperation again = included(1, BLOCK_B);

    index.put(again);

    assertThat(index.get(again.userOpHash())).contains(again);
    assertThat(index.removeBlock(BLOCK_A)).isEmpty();
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void shouldForgetTheOldestPastCapacity() {
    InMemoryIncludedOperations index = new InMemoryIncludedOperations(2);
    IncludedOperation oldest = included(1, BLOCK_A);
    index.put(oldest);
    index.put(included(2, BLOCK_A));
    index.put(included(3, BLOCK_B));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.get(oldest.userOpHash())).isEmpty();
    assertThat(index.removeBlock(BLOCK_A)).extracting(IncludedOperation::userOpHash)
        .containsExactly(hash(2));
  }

  private static IncludedOperation included(int n, Bytes32 block) {
    Bytes32 userOpHash = hash(n);
    return new IncludedOperation(
        userOpHash,
        EntryPoint.canonical(EntryPointVersion.V0_7),
        null,
        100,
        block,
        hash(0x70 + n),
        new UserOperationEvent(
            userOpHash, Address.ZERO, Address.ZERO, BigInteger.valueOf(n), true,
            BigInteger.TEN, BigInteger.ONE));
  }

  private static Bytes32 hash(int n) {
    return Bytes32.fromUint(BigInteger.valueOf(n));
  }
}
