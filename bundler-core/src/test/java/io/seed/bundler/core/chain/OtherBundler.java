package io.seed.bundler.core.chain;

import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.builder.Eip1559Transaction;
import io.seed.bundler.core.builder.SignedTransaction;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.Receipts;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;

/** Another bundler on the same chain: sends {@code handleOps} from its own dev account. */
final class OtherBundler {
  private final AnvilFixture anvil;
  private final TransactionSigner signer;

  OtherBundler(AnvilFixture anvil, int devAccount) {
    this.anvil = anvil;
    this.signer =
        TransactionSigner.fromPrivateKey(
            AnvilAccounts.privateKey(devAccount).toHex(), anvil.chainId());
  }

  /** Sends one bundle of {@code ops} and returns its receipt (auto-mining). */
  TransactionReceipt bundle(EntryPoint entryPoint, List<PackedUserOperation> ops)
      throws InterruptedException {
    long nonce = anvil.eth().getTransactionCount(signer.address(), BlockTag.PENDING).join();
    BigInteger baseFee = anvil.eth().latestBlock().join().baseFeePerGas();
    BigInteger tip = BigInteger.valueOf(1_000_000_000L);
    SignedTransaction signed =
        signer.sign(
            new Eip1559Transaction(
                BigInteger.valueOf(nonce), BigInteger.valueOf(3_000_000), entryPoint.address(),
                BigInteger.ZERO, HandleOpsCodec.encode(ops, signer.address()), tip,
                baseFee.shiftLeft(1).add(tip)));
    anvil.eth().sendRawTransaction(signed.raw()).join();
    return Receipts.await(anvil.eth(), signed.hash());
  }
}
