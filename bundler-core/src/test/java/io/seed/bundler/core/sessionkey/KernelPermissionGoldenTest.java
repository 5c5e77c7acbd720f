package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.GasBudget;
import io.seed.bundler.core.sessionkey.permission.RateLimit;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes exactly what {@code @zerodev/permissions} 5.6.3 produces (e2e/golden/generate.mjs). */
class KernelPermissionGoldenTest {
  private static final JsonNode FILE = GoldenVectors.load("kernel-permissions.json");
  private static final long CHAIN = FILE.get("chainId").asLong();
  private static final EntryPoint ENTRY_POINT = GoldenVectors.entryPoint(FILE);
  private static final Address ACCOUNT = Address.fromHex(FILE.get("account").asText());
  private static final GrantKey KEY = new GrantKey(CHAIN, ENTRY_POINT.address(), ACCOUNT,
      ACCOUNT, Bytes.fromHex(FILE.get("permissionId").asText()));

  private static SessionGrant sdkGrant() {
    return new KernelPermissionDecoder(KernelPermissionContracts.zeroDevDeployments())
        .decode(KEY, Bytes.fromHex(FILE.get("validatorData").asText()));
  }

  static Stream<JsonNode> operations() {
    return GoldenVectors.operations(FILE);
  }

  @Test
  void shouldDecodeTheSdkPermissionIntoAGrant() {
    SessionGrant grant = sdkGrant();

    assertThat(grant.signer()).isEqualTo(new SessionSigner.EcdsaSessionKey(
        Address.fromHex(FILE.get("sessionKey").asText())));
    assertThat(grant.policySignatureSlots()).isEqualTo(5);
    assertThat(grant.operationRules()).containsExactly(
        new TimeWindowRule(1700000000L, 1900000000L),
        new GasBudget(BigInteger.TEN.pow(18), null),
        new RateLimit(60, 5, 1700000000L));
    assertThat(grant.permissions().size()).isEqualTo(5);
    assertThat(grant.permissions().zeroTargetMatchesAny()).isTrue();
    assertThat(grant.permissions().permissions()).containsKeys(
        new CallKey(CallType.CALL, Address.fromHex("0x2222222222222222222222222222222222222222"),
            0xa9059cbb),
        new CallKey(CallType.CALL, Address.ZERO, 0x095ea7b3),
        new CallKey(CallType.CALL, Address.fromHex("0x3333333333333333333333333333333333333333"),
            0),
        new CallKey(CallType.DELEGATECALL,
            Address.fromHex("0x4444444444444444444444444444444444444444"), 0x12345678));
  }

  @Test
  void shouldReadThePermissionIdFromTheSdkNonce() {
    JsonNode first = FILE.get("operations").get(0);
    SessionKeyPrevalidator prevalidator =
        Prevalidators.standard(Prevalidators.cache(), PendingOperations.NONE);

    Verdict verdict = prevalidator.check(GoldenVectors.operation(first), ENTRY_POINT, CHAIN,
        GoldenVectors.hash(first), FILE.get("now").asLong());

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(verdict.grant()).isEqualTo(KEY);
  }

  @Test
  void shouldNeverThrowOnCorruptedSdkOperations() {
    SessionKeyPrevalidator prevalidator = Prevalidators.holding(sdkGrant());
    Random random = new Random(13);
    operations().forEach(vector -> {
      PackedUserOperation op = GoldenVectors.operation(vector);
      for (int i = 0; i < 100; i++) {
        byte[] signature = op.signature().toArray();
        signature[random.nextInt(signature.length)] = (byte) random.nextInt(256);
        byte[] callData = op.callData().toArray();
        callData[random.nextInt(callData.length)] = (byte) random.nextInt(256);
        PackedUserOperation corrupted = new PackedUserOperation(op.sender(), op.nonce(), null,
            Bytes.EMPTY, Bytes.wrap(callData).slice(0, random.nextInt(callData.length + 1)),
            op.callGasLimit(), op.verificationGasLimit(), op.preVerificationGas(),
            op.maxFeePerGas(), op.maxPriorityFeePerGas(), null, BigInteger.ZERO, BigInteger.ZERO,
            Bytes.EMPTY, Bytes.wrap(signature).slice(0, random.nextInt(signature.length + 1)),
            null);

        Verdict verdict = prevalidator.check(corrupted, ENTRY_POINT, CHAIN,
            GoldenVectors.hash(vector), FILE.get("now").asLong());

        assertThat(verdict.kind()).isNotEqualTo(Verdict.Kind.NOT_APPLICABLE);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void shouldJudgeSdkOperationsAsTheChainWould(JsonNode vector) {
    Verdict verdict = Prevalidators.holding(sdkGrant()).check(
        GoldenVectors.operation(vector), ENTRY_POINT, CHAIN,
        GoldenVectors.hash(vector), FILE.get("now").asLong());

    assertThat(verdict.grant()).isEqualTo(KEY);
    GoldenVectors.assertExpected(vector, verdict);
  }
}
