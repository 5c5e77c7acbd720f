package io.seed.bundler.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.node.Transaction;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BundleTransactionsTest {
  private static final EntryPoint ENTRY_POINT = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final Address ALICE = Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address BOB = Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Address WRAPPER =
      Address.fromHex("0x3333333333333333333333333333333333333333");

  private static PackedUserOperation op(Address sender, long nonce) {
    BigInteger gas = BigInteger.valueOf(100_000);
    return new PackedUserOperation(sender, BigInteger.valueOf(nonce), null, Bytes.EMPTY,
        Bytes.EMPTY, gas, gas, gas, BigInteger.TEN, BigInteger.ONE, null, BigInteger.ZERO,
        BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
  }

  private static Transaction sent(Address to, Bytes input) {
    return new Transaction(Bytes32.ZERO, BOB, to, input, OptionalLong.of(1), null);
  }

  private static UserOperationEvent event(Address sender, long nonce) {
    return new UserOperationEvent(Bytes32.ZERO, sender, Address.ZERO, BigInteger.valueOf(nonce),
        true, BigInteger.ONE, BigInteger.ONE);
  }

  @Test
  void shouldFindTheOperationAnEventReportsBySenderAndNonce() {
    List<PackedUserOperation> bundle = List.of(op(ALICE, 0), op(ALICE, 1), op(BOB, 1));
    Transaction handleOps = sent(ENTRY_POINT.address(), HandleOpsCodec.encode(bundle, BOB));

    List<PackedUserOperation> read = BundleTransactions.operations(handleOps, ENTRY_POINT);

    assertThat(read).isEqualTo(bundle);
    assertThat(BundleTransactions.reportedBy(read, event(ALICE, 1))).contains(bundle.get(1));
    assertThat(BundleTransactions.reportedBy(read, event(BOB, 0))).isEmpty();
  }

  @Test
  void shouldReadNothingFromACallThroughAnotherContractOrMalformedInput() {
    Bytes input = HandleOpsCodec.encode(List.of(op(ALICE, 0)), BOB);

    assertThat(BundleTransactions.operations(sent(WRAPPER, input), ENTRY_POINT)).isEmpty();
    assertThat(BundleTransactions.operations(sent(null, input), ENTRY_POINT)).isEmpty();
    assertThat(BundleTransactions.operations(
        sent(ENTRY_POINT.address(), input.slice(0, 40)), ENTRY_POINT)).isEmpty();
  }
}
