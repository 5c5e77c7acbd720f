package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

/**
 * Signs the bundler's EIP-1559 transactions for one chain. The private key stays inside: no
 * accessor, no {@code toString}, no exception message ever shows it.
 */
public final class TransactionSigner {
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

  private final Credentials credentials;
  private final Address address;
  private final long chainId;

  private TransactionSigner(Credentials credentials, long chainId) {
    this.credentials = credentials;
    this.address = Address.fromHex(credentials.getAddress());
    this.chainId = chainId;
  }

  /**
   * A signer for {@code privateKeyHex}: 64 hex digits, {@code 0x} optional, surrounding
   * whitespace ignored (the form of a key file).
   *
   * @throws IllegalArgumentException when the text is not a valid secp256k1 private key; the
   *     message does not repeat the text
   */
  public static TransactionSigner fromPrivateKey(String privateKeyHex, long chainId) {
    String digits = privateKeyHex.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    if (digits.length() != 64 || !digits.chars().allMatch(TransactionSigner::isHexDigit)) {
      throw new IllegalArgumentException("signer key must be 32 bytes of hex");
    }
    BigInteger key = new BigInteger(digits, 16);
    if (key.signum() == 0 || key.compareTo(CURVE_ORDER) >= 0) {
      throw new IllegalArgumentException("signer key is not a valid secp256k1 private key");
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be positive");
    }
    return new TransactionSigner(Credentials.create(ECKeyPair.create(key)), chainId);
  }

  /** The address the signed transactions come from. */
  public Address address() {
    return address;
  }

  /** The chain the signatures are bound to. */
  public long chainId() {
    return chainId;
  }

  /** Signs {@code transaction} for this signer's chain. */
  public SignedTransaction sign(Eip1559Transaction transaction) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            chainId,
            transaction.nonce(),
            transaction.gasLimit(),
            transaction.to().toHex(),
            transaction.value(),
            transaction.data().toHex(),
            transaction.maxPriorityFeePerGas(),
            transaction.maxFeePerGas());
    byte[] encoded = TransactionEncoder.signMessage(raw, credentials);
    return new SignedTransaction(
        transaction, Bytes.wrap(encoded), Bytes32.of(Hash.sha3(encoded)));
  }

  @Override
  public String toString() {
    return "TransactionSigner[" + address + " on chain " + chainId + "]";
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
