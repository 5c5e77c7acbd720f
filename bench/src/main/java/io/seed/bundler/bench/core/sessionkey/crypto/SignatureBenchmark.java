package io.seed.bundler.bench.core.sessionkey.crypto;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.SignatureCheck;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.crypto.EcdsaSignature;
import io.seed.bundler.core.sessionkey.crypto.Eip191;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyPublicKey;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.BigIntegers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Checking one session key's signature, the same signatures through every path in the same run:
 *
 * <ul>
 *   <li>{@code web3jRecovery}: web3j's {@link Sign#signedMessageHashToKey}, the naive baseline (a
 *       generic recovery; a caller would still hash the key into an address to compare it).
 *   <li>{@code ourRecovery}: {@link SessionKeyPublicKey#recover}, the generic path the bundler
 *       takes once per session key, before its public key is known.
 *   <li>{@code cachedKey}: {@link SessionKeyPublicKey#verifies}, the check against the key's
 *       cached public key and precomputed tables that replaces recovery.
 *   <li>{@code signerRule}: {@link SignerVerification#check} for a ZeroDev ECDSASigner, what the
 *       hot path runs: signature parsing, the EIP-191 form of the userOpHash (which the SDK
 *       signs, so it matches at once), the raw hash only when that fails.
 * </ul>
 *
 * <p>Sixteen signatures by one key over distinct userOpHashes (EIP-191 form, as the SDK signs)
 * are used in turn, so no figure rests on one scalar.
 *
 * <p>Run: {@code ./bundler bench SignatureBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar SignatureBenchmark}; against libsecp256k1 in the same run: {@code
 * bench/report.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignatureBenchmark extends AbstractBenchmark {
  private static final int SIGNATURES = 16;
  private static final ECKeyPair SESSION_KEY =
      ECKeyPair.create(new BigInteger(1, Hash.sha3("seed bench session key".getBytes(
          StandardCharsets.US_ASCII))));

  private final byte[][] userOpHashes = new byte[SIGNATURES][];
  private final byte[][] signedHashes = new byte[SIGNATURES][];
  private final Sign.SignatureData[] web3jSignatures = new Sign.SignatureData[SIGNATURES];
  private final EcdsaSignature[] signatures = new EcdsaSignature[SIGNATURES];
  private final Bytes[] encodedSignatures = new Bytes[SIGNATURES];
  private SessionKeyPublicKey publicKey;
  private SignerVerification signers;
  private SessionSigner signer;
  private int next;

  @Setup
  public void prepare() throws SignatureException {
    publicKey = SessionKeyPublicKey.fromUncompressed(
        BigIntegers.asUnsignedByteArray(64, SESSION_KEY.getPublicKey()));
    SessionKeyRegistry registry = new SessionKeyRegistry(16);
    registry.register(publicKey);
    signers = new SignerVerification(registry);
    signer = new SessionSigner.EcdsaSessionKey(
        Address.fromHex("0x" + Keys.getAddress(SESSION_KEY.getPublicKey())));
    for (int i = 0; i < SIGNATURES; i++) {
      userOpHashes[i] = Hash.sha3(("userOpHash " + i).getBytes(StandardCharsets.US_ASCII));
      signedHashes[i] = Eip191.ethSignedMessageHash(userOpHashes[i]);
      web3jSignatures[i] = Sign.signMessage(signedHashes[i], SESSION_KEY, false);
      byte[] rsv = new byte[EcdsaSignature.RSV_LENGTH];
      System.arraycopy(web3jSignatures[i].getR(), 0, rsv, 0, 32);
      System.arraycopy(web3jSignatures[i].getS(), 0, rsv, 32, 32);
      rsv[64] = web3jSignatures[i].getV()[0];
      encodedSignatures[i] = Bytes.wrap(rsv);
      signatures[i] = EcdsaSignature.fromRsv(rsv, 0).orElseThrow();
    }
    for (int i = 0; i < SIGNATURES; i++) {
      boolean agree = web3jRecovery(i).equals(SESSION_KEY.getPublicKey())
          && ourRecovery(i).orElseThrow().equals(publicKey)
          && cachedKey(i)
          && signerRule(i) == SignatureCheck.VALID;
      if (!agree) {
        throw new IllegalStateException("the paths disagree on signature " + i);
      }
    }
  }

  @Benchmark
  public BigInteger web3jRecovery() throws SignatureException {
    return web3jRecovery(next());
  }

  @Benchmark
  public Optional<SessionKeyPublicKey> ourRecovery() {
    return ourRecovery(next());
  }

  @Benchmark
  public boolean cachedKey() {
    return cachedKey(next());
  }

  @Benchmark
  public SignatureCheck signerRule() {
    return signerRule(next());
  }

  private BigInteger web3jRecovery(int i) throws SignatureException {
    return Sign.signedMessageHashToKey(signedHashes[i], web3jSignatures[i]);
  }

  private Optional<SessionKeyPublicKey> ourRecovery(int i) {
    return SessionKeyPublicKey.recover(signedHashes[i], signatures[i]);
  }

  private boolean cachedKey(int i) {
    return publicKey.verifies(signatures[i], signedHashes[i]);
  }

  private SignatureCheck signerRule(int i) {
    return signers.check(signer, encodedSignatures[i], userOpHashes[i]);
  }

  private int next() {
    next = (next + 1) % SIGNATURES;
    return next;
  }
}
