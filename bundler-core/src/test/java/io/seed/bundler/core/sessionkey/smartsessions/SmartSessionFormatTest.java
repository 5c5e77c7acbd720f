package io.seed.bundler.core.sessionkey.smartsessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.sessionkey.GoldenVectors;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Smart Sessions routing and the chain's reverts, on SDK operations changed by hand. */
class SmartSessionFormatTest {
  private static final JsonNode FILE = GoldenVectors.load("smart-sessions.json");
  private static final long CHAIN = FILE.get("chainId").asLong();
  private static final long NOW = FILE.get("now").asLong();
  private static final EntryPoint ENTRY_POINT = GoldenVectors.entryPoint(FILE);
  private static final JsonNode USE = FILE.get("operations").get(0);
  private static final Address ACCOUNT = Address.fromHex(FILE.get("account").asText());

  private final GrantCache cache =
      new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(1), 100);
  private final SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
      List.of(new SmartSessionFormat(SmartSessionContracts.rhinestoneDeployments())), cache,
      new SignerVerification(new SessionKeyRegistry(100)), PendingOperations.NONE, 30);

  private static JsonNode firstEnable() {
    for (JsonNode vector : FILE.get("operations")) {
      if (vector.get("mode").asText().equals("enable")) {
        return vector;
      }
    }
    throw new IllegalStateException("no enable vector");
  }

  private Verdict check(PackedUserOperation op) {
    return prevalidator.check(op, ENTRY_POINT, CHAIN, GoldenVectors.hash(USE), NOW);
  }

  private void cacheGrant() {
    cache.put(prevalidator.enabledGrant(GoldenVectors.operation(firstEnable()), ENTRY_POINT,
        CHAIN).orElseThrow());
  }

  private static PackedUserOperation withCallData(PackedUserOperation op, Bytes callData) {
    return new PackedUserOperation(op.sender(), op.nonce(), null, Bytes.EMPTY, callData,
        op.callGasLimit(), op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
        op.signature(), null);
  }

  @Test
  void shouldNotApplyWhenTheNonceRoutesElsewhere() {
    PackedUserOperation op = GoldenVectors.operation(USE);
    PackedUserOperation elsewhere = new PackedUserOperation(op.sender(),
        op.nonce().xor(BigInteger.ONE.shiftLeft(100)), null, Bytes.EMPTY, op.callData(),
        op.callGasLimit(), op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
        op.signature(), null);

    assertThat(check(elsewhere).kind()).isEqualTo(Verdict.Kind.NOT_APPLICABLE);
  }

  @Test
  void shouldRejectMalformedSignaturesWithoutAGrantBecauseTheNonceNamesTheModule() {
    PackedUserOperation op = GoldenVectors.operation(USE);

    Verdict unknownMode = check(op.withSignature(Bytes.fromHex("0x03")));
    Verdict empty = check(op.withSignature(Bytes.EMPTY));
    Verdict shortUse = check(op.withSignature(Bytes.fromHex("0x00aabb")));
    Verdict garbageEnable = check(op.withSignature(Bytes.fromHex("0x01ffffffff")));

    assertThat(unknownMode.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(unknownMode.message()).contains("unknown smart session mode 3");
    assertThat(empty.kind()).isEqualTo(Verdict.Kind.REJECT);
    assertThat(shortUse.kind()).isEqualTo(Verdict.Kind.REJECT);
    assertThat(garbageEnable.kind()).isEqualTo(Verdict.Kind.REJECT);
  }

  @Test
  void shouldRejectAPaymasterTheSessionDoesNotPermit() {
    cacheGrant();
    PackedUserOperation op = GoldenVectors.operation(USE);
    PackedUserOperation sponsored = new PackedUserOperation(op.sender(), op.nonce(), null,
        Bytes.EMPTY, op.callData(), op.callGasLimit(), op.verificationGasLimit(),
        op.preVerificationGas(), op.maxFeePerGas(), op.maxPriorityFeePerGas(),
        Address.fromHex("0x5555555555555555555555555555555555555555"), BigInteger.ONE,
        BigInteger.ONE, Bytes.EMPTY, op.signature(), null);

    Verdict verdict = check(sponsored);

    assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(verdict.message()).contains("does not permit a paymaster");
  }

  @Test
  void shouldRejectCallsTheModuleRefusesWhateverThePolicies() {
    cacheGrant();
    PackedUserOperation op = GoldenVectors.operation(USE);
    Bytes selfExecute = CallData.single(ACCOUNT, BigInteger.ZERO,
        CallData.call(0xe9ae5c53, BigInteger.ZERO));
    Bytes executeUserOp = CallData.call(0x8dd7712f, BigInteger.ZERO);
    Bytes tryExec = CallData.execute(0x00, 0x01, Bytes.concat(ACCOUNT.toBytes(),
        Bytes.wrap(new byte[32])));
    Bytes addressOne = CallData.single(Address.fromHex(
        "0x0000000000000000000000000000000000000001"), BigInteger.ZERO, Bytes.EMPTY);

    assertThat(check(withCallData(op, selfExecute)).message())
        .contains("may not call execute on its own account");
    assertThat(check(withCallData(op, executeUserOp)).message()).contains("executeUserOp");
    assertThat(check(withCallData(op, tryExec)).message()).contains("default exec type");
    assertThat(check(withCallData(op, addressOne)).message()).contains("address(1)");
  }

  @Test
  void shouldTreatOtherCallDataAsOneActionOnTheAccount() {
    cacheGrant();
    PackedUserOperation op = GoldenVectors.operation(USE);

    Verdict verdict = check(withCallData(op, CallData.call(0x12345678, BigInteger.ONE)));

    assertThat(verdict.message()).isEqualTo("session key: call 0 to " + ACCOUNT
        + " selector 0x12345678: no action policy permits it");
  }

  @Test
  void shouldRejectEnableDataForAnotherChain() {
    PackedUserOperation op = GoldenVectors.operation(firstEnable());

    Verdict verdict = prevalidator.check(op, ENTRY_POINT, CHAIN + 1, GoldenVectors.hash(USE), NOW);

    assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(verdict.message()).contains("enable data is for chain " + CHAIN);
  }

  @Test
  void shouldNeverThrowOnCorruptedSdkSignatures() {
    Random random = new Random(9);
    for (JsonNode vector : FILE.get("operations")) {
      PackedUserOperation op = GoldenVectors.operation(vector);
      for (int i = 0; i < 100; i++) {
        byte[] signature = op.signature().toArray();
        signature[random.nextInt(signature.length)] = (byte) random.nextInt(256);
        Bytes cut = Bytes.wrap(signature).slice(0, random.nextInt(signature.length + 1));

        Verdict verdict = prevalidator.check(op.withSignature(cut), ENTRY_POINT, CHAIN,
            Bytes32.ZERO, NOW);

        assertThat(verdict.kind()).isNotEqualTo(Verdict.Kind.NOT_APPLICABLE);
      }
    }
  }
}
