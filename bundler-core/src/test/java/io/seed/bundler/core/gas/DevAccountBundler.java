package io.seed.bundler.core.gas;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.Receipts;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Sends a one-operation {@code handleOps} from an unlocked anvil dev account that is also the
 * beneficiary, priced like the operation, so its balance change shows whether the operation paid
 * for the transaction.
 */
final class DevAccountBundler {
  /** What including one operation did. */
  record Inclusion(TransactionReceipt receipt, UserOperationEvent event, BigInteger bundlerProfit) {}

  private final AnvilFixture anvil;
  private final Address bundler;

  DevAccountBundler(AnvilFixture anvil, int devAccount) {
    this.anvil = anvil;
    this.bundler = AnvilAccounts.address(devAccount);
  }

  Inclusion include(EntryPoint entryPoint, PackedUserOperation op) throws InterruptedException {
    BigInteger before = anvil.eth().getBalance(bundler, BlockTag.LATEST).join();
    Map<String, Object> transaction =
        Map.of(
            "from", bundler,
            "to", entryPoint.address(),
            "data", HandleOpsCodec.encode(List.of(op), bundler),
            "gas", BigInteger.valueOf(5_000_000),
            "maxFeePerGas", op.maxFeePerGas(),
            "maxPriorityFeePerGas", op.maxPriorityFeePerGas());
    Bytes32 hash =
        Bytes32.fromHex(anvil.client().request("eth_sendTransaction", transaction).join().asText());
    TransactionReceipt receipt = receipt(hash);
    BigInteger after = anvil.eth().getBalance(bundler, BlockTag.LATEST).join();
    UserOperationEvent event = null;
    for (Log log : receipt.logs()) {
      if (!log.topics().isEmpty() && log.topics().get(0).equals(EntryPointEvents.USER_OPERATION_EVENT)) {
        event = EntryPointEvents.decodeUserOperationEvent(log.topics(), log.data());
      }
    }
    return new Inclusion(receipt, event, after.subtract(before));
  }

  private TransactionReceipt receipt(Bytes32 hash) {
    return Receipts.await(anvil.eth(), hash);
  }

}
