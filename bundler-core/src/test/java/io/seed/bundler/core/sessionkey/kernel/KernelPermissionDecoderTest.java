package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;

class KernelPermissionDecoderTest {
  private static final Address SIGNER =
      Address.fromHex("0x6A6F069E2a08c2468e7724Ab3250CdBFBA14D4FF");
  private static final Address TIMESTAMP =
      Address.fromHex("0xB9f8f524bE6EcD8C945b1b87f9ae5C192FdCE20F");
  private static final Address CALL_POLICY =
      Address.fromHex("0x85770b902D1e503D5f5141d9eaC16d0d08eEaDd2");
  private static final Address UNKNOWN =
      Address.fromHex("0x9999999999999999999999999999999999999999");
  private static final Address SESSION_KEY =
      Address.fromHex("0x7777777777777777777777777777777777777777");
  private static final GrantKey KEY = new GrantKey(1, Address.ZERO, SESSION_KEY, SESSION_KEY,
      Bytes.fromHex("0x01020304"));
  private static final KernelPermissionDecoder DECODER = new KernelPermissionDecoder(
      new KernelPermissionContracts(Set.of(SIGNER), Map.of(
          TIMESTAMP, KernelPolicyKind.TIMESTAMP, CALL_POLICY, KernelPolicyKind.CALL_POLICY)));
  private static final Bytes WINDOW = Bytes.fromHex(
      "0x0000000000000000000000000000000000000000000000000000000000000064"
          + "00000000000000000000000000000000000000000000000000000000000000c8");
  private static final Bytes EMPTY_CALL_POLICY = Bytes.fromHex(
      "0x0000000000000000000000000000000000000000000000000000000000000020"
          + "0000000000000000000000000000000000000000000000000000000000000000");

  private static Bytes element(int flag, Address module, Bytes data) {
    return Bytes.concat(Bytes.wrap(new byte[] {(byte) (flag >>> 8), (byte) flag}),
        module.toBytes(), data);
  }

  private static Bytes validatorData(Bytes... elements) {
    List<DynamicBytes> items = Arrays.stream(elements)
        .map(element -> new DynamicBytes(element.toArray())).toList();
    return Bytes.fromHex("0x" + FunctionEncoder.encodeConstructor(
        List.of(new DynamicArray<>(DynamicBytes.class, items))));
  }

  @Test
  void shouldReadTheEcdsaSignerAndKnownPolicies() {
    SessionGrant grant = DECODER.decode(KEY, validatorData(
        element(0, TIMESTAMP, WINDOW), element(0, SIGNER, SESSION_KEY.toBytes())));

    assertThat(grant.signer()).isEqualTo(new SessionSigner.EcdsaSessionKey(SESSION_KEY));
    assertThat(grant.operationRules()).containsExactly(new TimeWindowRule(100, 200));
    assertThat(grant.permissions()).isNull();
    assertThat(grant.policySignatureSlots()).isEqualTo(1);
  }

  @Test
  void shouldKeepUnknownPoliciesAndSignersOpaque() {
    SessionGrant grant = DECODER.decode(KEY, validatorData(
        element(0, UNKNOWN, Bytes.fromHex("0xabcd")), element(0, UNKNOWN, Bytes.EMPTY)));

    assertThat(grant.operationRules()).containsExactly(new OpaqueRule(UNKNOWN));
    assertThat(grant.signer()).isEqualTo(new SessionSigner.OpaqueSigner(UNKNOWN, Bytes.EMPTY));
  }

  @Test
  void shouldTreatASecondCallPolicyAsOpaque() {
    SessionGrant grant = DECODER.decode(KEY, validatorData(element(0, CALL_POLICY,
        EMPTY_CALL_POLICY), element(0, CALL_POLICY, EMPTY_CALL_POLICY),
        element(0, SIGNER, SESSION_KEY.toBytes())));

    assertThat(grant.permissions()).isNotNull();
    assertThat(grant.operationRules()).containsExactly(new OpaqueRule(CALL_POLICY));
  }

  @Test
  void shouldSkipPoliciesFlaggedNotForUserOperations() {
    SessionGrant grant = DECODER.decode(KEY, validatorData(
        element(1, TIMESTAMP, WINDOW), element(0, SIGNER, SESSION_KEY.toBytes())));

    assertThat(grant.operationRules()).isEmpty();
  }

  @Test
  void shouldRefuseAPermissionFlaggedNotForUserOperations() {
    assertThatThrownBy(() -> DECODER.decode(KEY, validatorData(
        element(1, SIGNER, SESSION_KEY.toBytes()))))
        .isInstanceOf(SessionKeyDecodingException.class)
        .hasMessageContaining("not enabled for user operations");
  }

  @Test
  void shouldRefuseMalformedPermissions() {
    assertThatThrownBy(() -> DECODER.decode(KEY, validatorData()))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("1 to 254");
    assertThatThrownBy(() -> DECODER.decode(KEY, validatorData(Bytes.fromHex("0x0000aa"))))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("22 bytes");
    assertThatThrownBy(() -> DECODER.decode(KEY, validatorData(element(0, SIGNER,
        Bytes.fromHex("0x1234"))))).isInstanceOf(SessionKeyDecodingException.class);
    assertThatThrownBy(() -> DECODER.decode(KEY, validatorData(
        element(0, TIMESTAMP, Bytes.fromHex("0x01")), element(0, SIGNER, SESSION_KEY.toBytes()))))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("TIMESTAMP");
  }

  @Test
  void shouldFailOnlyWithTheTypedExceptionOnCorruptedPermissions() {
    byte[] valid = validatorData(element(0, CALL_POLICY, EMPTY_CALL_POLICY),
        element(0, TIMESTAMP, WINDOW), element(0, SIGNER, SESSION_KEY.toBytes())).toArray();
    Random random = new Random(5);
    for (int i = 0; i < 3000; i++) {
      byte[] corrupted = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
      if (corrupted.length > 0) {
        corrupted[random.nextInt(corrupted.length)] = (byte) random.nextInt(256);
      }
      try {
        DECODER.decode(KEY, Bytes.wrap(corrupted));
      } catch (SessionKeyDecodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void shouldInstallAOneOfRuleWithoutParamsThatOnlyFailsTheCallsItGuards() {
    Address token = Address.fromHex("0x2222222222222222222222222222222222222222");
    Bytes calls = KernelPermissionData.callPolicy(List.of(
        new KernelPermissionData.CallPermission(CallType.CALL, token, 0x095ea7b3,
            BigInteger.ZERO, List.of(KernelPermissionData.Rule.of(Condition.ONE_OF, 0))),
        new KernelPermissionData.CallPermission(CallType.CALL, token, 0xa9059cbb,
            BigInteger.ZERO, List.of())));

    SessionGrant grant = DECODER.decode(KEY, validatorData(
        element(0, CALL_POLICY, calls), element(0, SIGNER, SESSION_KEY.toBytes())));

    Bytes approve = CallData.call(0x095ea7b3, BigInteger.ONE, BigInteger.TEN);
    Bytes transfer = CallData.call(0xa9059cbb, BigInteger.ONE, BigInteger.TEN);
    assertThat(grant.permissions().find(new CallKey(CallType.CALL, token, 0x095ea7b3))
        .check(new Call(CallType.CALL, token, BigInteger.ZERO, approve), new Evaluation()))
        .isEqualTo("argument 0 must be one of []");
    assertThat(grant.permissions().find(new CallKey(CallType.CALL, token, 0xa9059cbb))
        .check(new Call(CallType.CALL, token, BigInteger.ZERO, transfer), new Evaluation()))
        .isNull();
  }
}
