package io.seed.bundler.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;

class InclusionRecorderTest {
  private static final EntryPoint ENTRY_POINT = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final Address SENDER =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Bytes32 BLOCK = Bytes32.fromUint(BigInteger.valueOf(0xb10c));
  private static final Bytes32 TX = Bytes32.fromUint(BigInteger.valueOf(0x7c));

  private final TestPool pool = new TestPool();
  private final InMemoryIncludedOperations index = new InMemoryIncludedOperations(100);
  private final List<IncludedOperation> included = new ArrayList<>();
  private final InclusionRecorder recorder =
      new InclusionRecorder(List.of(ENTRY_POINT), pool, index, included::addAll);

  @Test
  void shouldIndexTheOperationWithItsPoolEntryAndTakeItOutOfThePool() throws Exception {
    PoolEntry entry = entry(1);
    pool.add(entry);

    List<IncludedOperation> recorded =
        recorder.record(List.of(eventLog(ENTRY_POINT.address(), entry.userOpHash(), 1, false)));

    assertThat(recorded).singleElement().satisfies(op -> {
      assertThat(op.poolEntry()).isEqualTo(entry);
      assertThat(op.blockHash()).isEqualTo(BLOCK);
      assertThat(op.transactionHash()).isEqualTo(TX);
      assertThat(op.event().success()).isTrue();
      assertThat(op.event().nonce()).isEqualTo(BigInteger.ONE);
    });
    assertThat(index.get(entry.userOpHash())).contains(recorded.get(0));
    assertThat(pool.size()).isZero();
  }

  @Test
  void shouldKeepThePoolEntryWhenTheSameInclusionIsRecordedAgain() throws Exception {
    PoolEntry entry = entry(1);
    pool.add(entry);
    Log log = eventLog(ENTRY_POINT.address(), entry.userOpHash(), 1, false);
    recorder.record(List.of(log));

    recorder.record(List.of(log));

    assertThat(index.get(entry.userOpHash())).get()
        .extracting(IncludedOperation::poolEntry).isEqualTo(entry);
  }

  @Test
  void shouldReportAnInclusionOnceHoweverOftenItIsRecorded() throws Exception {
    PoolEntry entry = entry(1);
    pool.add(entry);
    Log log = eventLog(ENTRY_POINT.address(), entry.userOpHash(), 1, false);

    recorder.record(List.of(log));
    recorder.record(List.of(log));

    assertThat(included).singleElement()
        .extracting(IncludedOperation::poolEntry).isEqualTo(entry);
  }

  @Test
  void shouldNotReportOperationsTheBundlerNeverHeld() {
    recorder.record(List.of(eventLog(ENTRY_POINT.address(), Bytes32.fromUint(BigInteger.TEN), 4, false)));

    assertThat(included).isEmpty();
  }

  @Test
  void shouldIndexOperationsTheBundlerNeverHeld() {
    Bytes32 foreign = Bytes32.fromUint(BigInteger.valueOf(0xf0));

    recorder.record(List.of(eventLog(ENTRY_POINT.address(), foreign, 4, false)));

    assertThat(index.get(foreign)).get()
        .satisfies(op -> assertThat(op.pendingEntry()).isEmpty());
  }

  @Test
  void shouldIgnoreOtherContractsAndRemovedLogs() throws Exception {
    PoolEntry entry = entry(1);
    pool.add(entry);
    Address impostor = Address.fromHex("0x9999999999999999999999999999999999999999");

    List<IncludedOperation> recorded =
        recorder.record(
            List.of(
                eventLog(impostor, entry.userOpHash(), 1, false),
                eventLog(ENTRY_POINT.address(), entry.userOpHash(), 1, true)));

    assertThat(recorded).isEmpty();
    assertThat(index.size()).isZero();
    assertThat(pool.get(entry.userOpHash())).contains(entry);
  }

  private static Log eventLog(Address emitter, Bytes32 userOpHash, long nonce, boolean removed) {
    Bytes data =
        Bytes.fromHex(
            "0x"
                + FunctionEncoder.encodeConstructor(
                    List.of(
                        new Uint256(nonce), new Bool(true), new Uint256(1_000_000),
                        new Uint256(50_000))));
    byte[] sender = new byte[32];
    SENDER.copyTo(sender, 12);
    return new Log(
        emitter,
        List.of(EntryPointEvents.USER_OPERATION_EVENT, userOpHash, Bytes32.of(sender), Bytes32.ZERO),
        data, 42, BLOCK, TX, 0, 3, removed);
  }

  private static PoolEntry entry(long nonce) {
    PackedUserOperation op =
        new PackedUserOperation(
            SENDER, BigInteger.valueOf(nonce), null, Bytes.EMPTY, Bytes.EMPTY,
            BigInteger.valueOf(100_000), BigInteger.valueOf(100_000), BigInteger.valueOf(50_000),
            BigInteger.TEN, BigInteger.ONE, null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
            Bytes.EMPTY, null);
    return new PoolEntry(
        Bytes32.fromUint(BigInteger.valueOf(0x1000 + nonce)), ENTRY_POINT, op, 0, 0,
        Instant.EPOCH, EntityStakes.NONE, CodeHashes.NONE, AccessedStorage.NONE);
  }
}
