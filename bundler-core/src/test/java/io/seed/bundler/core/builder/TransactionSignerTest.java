package io.seed.bundler.core.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

class TransactionSignerTest {
  // anvil's first dev key: public knowledge, holds nothing outside a dev chain
  private static final String KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final Address ADDRESS =
      Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  private static final Eip1559Transaction TRANSACTION =
      new Eip1559Transaction(
          BigInteger.valueOf(7),
          BigInteger.valueOf(1_500_000),
          Address.fromHex("0x0000000071727De22E5E9d8BAf0edAc6f37da032"),
          BigInteger.ZERO,
          Bytes.fromHex("0x765e827f0102"),
          BigInteger.valueOf(1_000_000_000L),
          BigInteger.valueOf(3_000_000_000L));

  @Test
  void shouldSignATypeTwoTransactionThatRecoversToTheSigner() throws Exception {
    TransactionSigner signer = TransactionSigner.fromPrivateKey("0x" + KEY, 31337);

    SignedTransaction signed = signer.sign(TRANSACTION);

    assertThat(signed.raw().get(0)).isEqualTo((byte) 0x02);
    assertThat(signed.hash().toArray()).isEqualTo(Hash.sha3(signed.raw().toArray()));
    SignedRawTransaction decoded =
        (SignedRawTransaction) TransactionDecoder.decode(signed.raw().toHex());
    assertThat(Address.fromHex(decoded.getFrom())).isEqualTo(ADDRESS);
    Transaction1559 fields = (Transaction1559) decoded.getTransaction();
    assertThat(fields.getChainId()).isEqualTo(31337L);
    assertThat(fields.getNonce()).isEqualTo(TRANSACTION.nonce());
    assertThat(fields.getGasLimit()).isEqualTo(TRANSACTION.gasLimit());
    assertThat(fields.getMaxPriorityFeePerGas()).isEqualTo(TRANSACTION.maxPriorityFeePerGas());
    assertThat(fields.getMaxFeePerGas()).isEqualTo(TRANSACTION.maxFeePerGas());
    assertThat(Address.fromHex(fields.getTo())).isEqualTo(TRANSACTION.to());
    assertThat(fields.getData()).isEqualTo("765e827f0102");
  }

  @Test
  void shouldAcceptAKeyFileWithWhitespaceAndNoPrefix() {
    TransactionSigner signer = TransactionSigner.fromPrivateKey("  " + KEY + "\n", 1);

    assertThat(signer.address()).isEqualTo(ADDRESS);
    assertThat(signer.chainId()).isEqualTo(1);
  }

  @Test
  void shouldNeverShowTheKey() {
    TransactionSigner signer = TransactionSigner.fromPrivateKey(KEY, 31337);

    assertThat(signer.toString()).doesNotContain(KEY).contains(ADDRESS.toHex());
    String malformed = KEY.substring(0, 62) + "zz";
    assertThatThrownBy(() -> TransactionSigner.fromPrivateKey(malformed, 31337))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(KEY.substring(0, 62));
  }

  @Test
  void shouldRefuseKeysOutsideTheCurveOrder() {
    assertThatThrownBy(() -> TransactionSigner.fromPrivateKey("0x" + "00".repeat(32), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionSigner.fromPrivateKey("0x" + "ff".repeat(32), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TransactionSigner.fromPrivateKey(KEY.substring(2), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveADifferentHashToAReplacementWithHigherFees() {
    TransactionSigner signer = TransactionSigner.fromPrivateKey(KEY, 31337);
    Eip1559Transaction replacement =
        TRANSACTION.withFees(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(5_000_000_000L));

    assertThat(signer.sign(replacement).hash()).isNotEqualTo(signer.sign(TRANSACTION).hash());
    assertThat(replacement.nonce()).isEqualTo(TRANSACTION.nonce());
  }
}
