package io.seed.bundler.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

class EthApiIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final Bytes32 TOPIC = Bytes32.fromUint(BigInteger.valueOf(0x7061));
  /** mstore(0, 0xaa); log1(0, 32, TOPIC); stop. */
  private static final Bytes LOGGER_CODE =
      Bytes.fromHex("0x60aa6000527f" + TOPIC.toHex().substring(2) + "60206000a100");
  /** mstore(0, 0xdeadbeef); revert(28, 4). */
  private static final Bytes REVERTER_CODE = Bytes.fromHex("0x63deadbeef6000526004601cfd");
  private static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000c0ffee01");

  private final EthApi eth = ANVIL.eth();

  @Test
  void shouldReadTheHeadOfTheChain() {
    BlockHeader latest = eth.latestBlock().join();
    BlockHeader pending = eth.pendingBlock().join();

    assertThat(latest.number()).isEqualTo(eth.blockNumber().join());
    assertThat(latest.baseFeePerGas()).isPositive();
    assertThat(latest.gasLimit()).isPositive();
    assertThat(pending.number()).isEqualTo(latest.number() + 1);
    assertThat(eth.getBlockByHash(latest.hash()).join()).contains(latest);
    assertThat(eth.getBlockByNumber(latest.number()).join()).contains(latest);
    assertThat(eth.getBlockByNumber(latest.number() + 1000).join()).isEmpty();
    assertThat(eth.getBlockByHash(Bytes32.ZERO).join()).isEmpty();
  }

  @Test
  void shouldReturnRevertDataOfAFailedCall() {
    StateOverrideSet overrides = StateOverrideSet.of(CONTRACT, AccountOverride.code(REVERTER_CODE));

    CompletionException failure = catchThrowableOfType(CompletionException.class,
        () -> eth.ethCall(CallRequest.to(CONTRACT, Bytes.EMPTY), BlockTag.LATEST, overrides).join());

    assertThat(failure.getCause()).isInstanceOfSatisfying(NodeException.class,
        e -> assertThat(e.revertData()).contains(Bytes.fromHex("0xdeadbeef")));
  }

  @Test
  void shouldCallAndEstimateWithStateOverrides() {
    // mstore(0, balance(address())); return(0, 32): answers only as overridden, code and balance.
    Bytes balanceReader = Bytes.fromHex("0x303160005260206000f3");
    BigInteger balance = BigInteger.valueOf(424242);
    StateOverrideSet overrides = StateOverrideSet.of(CONTRACT,
        new AccountOverride(balance, null, balanceReader, null, null));
    CallRequest call = CallRequest.to(CONTRACT, Bytes.EMPTY);

    Bytes result = eth.ethCall(call, BlockTag.LATEST, overrides).join();
    BigInteger gas = eth.estimateGas(call, BlockTag.LATEST, overrides).join();

    assertThat(new BigInteger(1, result.toArray())).isEqualTo(balance);
    assertThat(gas).isGreaterThan(BigInteger.valueOf(21_000));
    assertThat(eth.ethCall(call, BlockTag.LATEST, null).join()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void shouldSendARawTransactionAndFindItsReceiptTransactionAndLogs() {
    ANVIL.client().request("anvil_setCode", CONTRACT, LOGGER_CODE).join();
    Address sender = AnvilAccounts.address(5);
    long nonce = eth.getTransactionCount(sender, BlockTag.PENDING).join();
    BigInteger maxFee = eth.latestBlock().join().baseFeePerGas().multiply(BigInteger.TWO);
    RawTransaction transaction = RawTransaction.createTransaction(ANVIL.chainId(),
        BigInteger.valueOf(nonce), BigInteger.valueOf(100_000), CONTRACT.toHex(), BigInteger.ZERO,
        "0x1234", BigInteger.ONE, maxFee);
    Bytes signed = Bytes.wrap(TransactionEncoder.signMessage(transaction,
        Credentials.create(AnvilAccounts.privateKey(5).toHex())));

    Bytes32 hash = eth.sendRawTransaction(signed).join();
    TransactionReceipt receipt = eth.getTransactionReceipt(hash).join().orElseThrow();
    Transaction mined = eth.getTransactionByHash(hash).join().orElseThrow();
    List<Log> logs = eth.getLogs(new LogFilter(BlockTag.number(receipt.blockNumber()),
        BlockTag.LATEST, List.of(CONTRACT), List.of(List.of(TOPIC)))).join();

    assertThat(receipt.status()).isTrue();
    assertThat(receipt.from()).isEqualTo(sender);
    assertThat(receipt.to()).isEqualTo(CONTRACT);
    assertThat(receipt.transactionHash()).isEqualTo(hash);
    assertThat(receipt.gasUsed()).isPositive();
    assertThat(receipt.effectiveGasPrice()).isPositive();
    assertThat(receipt.raw().path("transactionHash").asText()).isEqualTo(hash.toHex());
    assertThat(receipt.logs()).singleElement().satisfies(log -> {
      assertThat(log.address()).isEqualTo(CONTRACT);
      assertThat(log.topics()).containsExactly(TOPIC);
      assertThat(log.data()).isEqualTo(Bytes.wrap(Bytes32.fromUint(BigInteger.valueOf(0xaa)).toArray()));
      assertThat(log.blockHash()).isEqualTo(receipt.blockHash());
      assertThat(log.transactionHash()).isEqualTo(hash);
      assertThat(log.removed()).isFalse();
    });
    assertThat(logs).containsExactlyElementsOf(receipt.logs());
    assertThat(mined.input()).isEqualTo(Bytes.fromHex("0x1234"));
    assertThat(mined.to()).isEqualTo(CONTRACT);
    assertThat(mined.from()).isEqualTo(sender);
    assertThat(mined.blockNumber()).hasValue(receipt.blockNumber());
    assertThat(eth.getTransactionCount(sender, BlockTag.LATEST).join()).isEqualTo(nonce + 1);
  }

  @Test
  void shouldFindNothingForAnUnknownTransaction() {
    Bytes32 unknown = Bytes32.fromUint(BigInteger.valueOf(12345));

    assertThat(eth.getTransactionReceipt(unknown).join()).isEmpty();
    assertThat(eth.getTransactionByHash(unknown).join()).isEmpty();
  }

  @Test
  void shouldSuggestAPriorityFee() {
    assertThat(eth.maxPriorityFeePerGas().join()).isNotNegative();
  }
}
