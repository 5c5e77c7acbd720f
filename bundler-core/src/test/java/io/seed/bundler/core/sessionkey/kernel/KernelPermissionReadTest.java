package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder.Policy;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionDecoder.StoredPermission;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.GasBudget;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.RateLimit;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kernel v3 permission built from what its modules' view getters answer. */
class KernelPermissionReadTest {
  private static final KernelPermissionDecoder DECODER =
      new KernelPermissionDecoder(KernelPermissionContracts.zeroDevDeployments());
  private static final Address ACCOUNT =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address TOKEN =
      Address.fromHex("0x7e57000000000000000000000000000000000011");
  private static final Address SESSION_KEY =
      Address.fromHex("0x7777777777777777777777777777777777777777");
  private static final Address UNKNOWN =
      Address.fromHex("0x9999999999999999999999999999999999999999");
  private static final Address PAYMASTER =
      Address.fromHex("0x5555555555555555555555555555555555555555");
  private static final GrantKey KEY =
      new GrantKey(1, Address.ZERO, ACCOUNT, ACCOUNT, Bytes.fromHex("0x01020304"));
  private static final int TRANSFER = 0xa9059cbb;
  private static final int MINT = 0x40c10f19;
  private static final CallKey TRANSFER_KEY = new CallKey(CallType.CALL, TOKEN, TRANSFER);
  private static final List<Rule> TRANSFER_RULES = List.of(
      Rule.of(Condition.ONE_OF, 0, BigInteger.ONE, BigInteger.TWO),
      Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, BigInteger.valueOf(1_000)));

  @Test
  void shouldReadTheFlagSignerAndPoliciesOfPermissionConfig() {
    Bytes output = permissionConfig(0x0002, KernelChain.ECDSA_SIGNER,
        new Policy(0x0001, KernelChain.CALL_POLICY), new Policy(0, KernelChain.GAS_POLICY));

    assertThat(KernelPermissionDecoder.storedPermission(output)).isEqualTo(new StoredPermission(
        0x0002, KernelChain.ECDSA_SIGNER, List.of(new Policy(0x0001, KernelChain.CALL_POLICY),
            new Policy(0, KernelChain.GAS_POLICY))));
  }

  @Test
  void shouldBuildFromTheGettersTheRulesTheInstallDataGives() {
    BigInteger allowance = BigInteger.TEN.pow(17);
    List<Module> policies = List.of(
        new Module(0, KernelChain.TIMESTAMP_POLICY, KernelPermissionData.timestamp(100, 200)),
        new Module(0, KernelChain.GAS_POLICY, KernelPermissionData.gas(allowance, true,
            PAYMASTER)),
        new Module(0, KernelChain.RATE_LIMIT_POLICY,
            KernelPermissionData.rateLimit(3_600, 4, 1_700_000_000)),
        new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY),
        new Module(0, UNKNOWN, Bytes.fromHex("0xabcd")));
    SessionGrant installed = DECODER.decode(KEY, KernelPermissionData.validatorData(policies,
        new Module(0, KernelChain.ECDSA_SIGNER, SESSION_KEY.toBytes())));

    SessionGrant read = DECODER.read(KEY, stored(policies, KernelChain.ECDSA_SIGNER),
        Abi.encode(Abi.address(SESSION_KEY)),
        Map.of(0, KernelPermissionData.timestamp(100, 200),
            1, KernelPermissionData.gas(allowance, true, PAYMASTER),
            2, Abi.encode(Abi.uint(3_600), Abi.uint(4), Abi.uint(1_700_000_000))),
        Map.of());

    assertThat(read).isEqualTo(installed);
    assertThat(read.operationRules()).contains(new RateLimit(3_600, 4, 1_700_000_000),
        new OpaqueRule(UNKNOWN));
  }

  @Test
  void shouldTakeTheCountersAsTheGettersTellThemNow() {
    List<Module> policies = List.of(
        new Module(0, KernelChain.GAS_POLICY, KernelPermissionData.gas(BigInteger.TEN, false,
            Address.ZERO)),
        new Module(0, KernelChain.RATE_LIMIT_POLICY, KernelPermissionData.rateLimit(60, 5, 0)));

    SessionGrant read = DECODER.read(KEY, stored(policies, KernelChain.ECDSA_SIGNER),
        Abi.encode(Abi.address(SESSION_KEY)),
        Map.of(0, KernelPermissionData.gas(BigInteger.TWO, false, Address.ZERO),
            1, Abi.encode(Abi.uint(60), Abi.uint(3), Abi.uint(120))),
        Map.of());

    assertThat(read.operationRules()).containsExactly(
        new GasBudget(BigInteger.TWO, null),
        new RateLimit(60, 3, 120));
  }

  @Test
  void shouldHoldTheCallKeysReadFoundOrAbsentAndNoOthers() {
    CallPermission transfer =
        new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO, TRANSFER_RULES);
    PermissionTree whole = DECODER.decode(KEY, KernelPermissionData.validatorData(
        List.of(new Module(0, KernelChain.CALL_POLICY,
            KernelPermissionData.callPolicy(List.of(transfer)))),
        new Module(0, KernelChain.ECDSA_SIGNER, SESSION_KEY.toBytes()))).permissions();

    SessionGrant read = DECODER.read(KEY,
        stored(List.of(new Module(0, KernelChain.CALL_POLICY, Bytes.EMPTY)),
            KernelChain.ECDSA_SIGNER),
        Abi.encode(Abi.address(SESSION_KEY)), Map.of(),
        Map.of(TRANSFER_KEY, encodedPermission(BigInteger.ZERO, TRANSFER_RULES),
            TRANSFER_KEY.anyTarget(), encodedPermission(null, List.of())));

    PermissionTree tree = read.permissions();
    assertThat(tree.isComplete()).isFalse();
    assertThat(tree.read()).containsExactlyInAnyOrder(TRANSFER_KEY, TRANSFER_KEY.anyTarget());
    assertThat(tree.covers(TRANSFER_KEY)).isTrue();
    assertThat(tree.find(TRANSFER_KEY)).isEqualTo(whole.find(TRANSFER_KEY));
    assertThat(tree.covers(TRANSFER_KEY.anyTarget())).isTrue();
    assertThat(tree.find(TRANSFER_KEY.anyTarget())).isNull();
    assertThat(tree.covers(new CallKey(CallType.CALL, TOKEN, MINT))).isFalse();
  }

  @Test
  void shouldSkipFlaggedPoliciesAndKeepAnUnknownSignerOpaque() {
    List<Module> policies = List.of(
        new Module(1, KernelChain.TIMESTAMP_POLICY, Bytes.EMPTY),
        new Module(0, KernelChain.CALL_POLICY, Bytes.EMPTY),
        new Module(0, KernelChain.CALL_POLICY, Bytes.EMPTY));

    SessionGrant read = DECODER.read(KEY, stored(policies, UNKNOWN), null, Map.of(), Map.of());

    assertThat(read.signer()).isEqualTo(new SessionSigner.OpaqueSigner(UNKNOWN, Bytes.EMPTY));
    assertThat(read.operationRules()).containsExactly(new OpaqueRule(KernelChain.CALL_POLICY));
    assertThat(read.permissions().read()).isEmpty();
    assertThat(read.policySignatureSlots()).isEqualTo(3);
  }

  @Test
  void shouldRefuseGetterAnswersThatDoNotDecode() {
    List<Module> rateLimited = List.of(new Module(0, KernelChain.RATE_LIMIT_POLICY, Bytes.EMPTY));

    assertThatThrownBy(() -> DECODER.read(KEY, stored(rateLimited, KernelChain.ECDSA_SIGNER),
        Abi.encode(Abi.address(SESSION_KEY)),
        Map.of(0, Abi.encode(Abi.uint(1), Abi.uint(BigInteger.ONE.shiftLeft(48)), Abi.uint(0))),
        Map.of()))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("uint48");
    assertThatThrownBy(() -> DECODER.read(KEY, stored(rateLimited, KernelChain.ECDSA_SIGNER),
        Abi.encode(Abi.address(SESSION_KEY)), Map.of(), Map.of()))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("RATE_LIMIT");
  }

  @Test
  void shouldKeyCallPermissionsAsCallPolicyHashesThem() {
    assertThat(CallPolicyDecoder.permissionHash(TRANSFER_KEY)).isEqualTo(Bytes32.fromHex(
        "0xfd6eaafd6f3ef0315f48fd8cea92b6b5348e51204d0d1111ed6a7dc0b1d9b6a6"));
    assertThat(CallPolicyDecoder.permissionHash(new CallKey(CallType.DELEGATECALL, Address.ZERO,
        0))).isEqualTo(Bytes32.fromHex(
            "0xcd949dd7750bd29e493a55ade84287118390af07b70cab439cc00b28b3904fd3"));
  }

  @Test
  void shouldReadEachCallOfAnOperationUnderItsTargetAndTheZeroTarget() {
    Address recipient = Address.fromHex("0x000000000000000000000000000000000000a011");
    Bytes batch = CallData.batch(
        new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
            CallData.call(TRANSFER, CallData.word(recipient), BigInteger.ONE)),
        new Call(CallType.CALL, recipient, BigInteger.ONE, Bytes.EMPTY),
        new Call(CallType.CALL, TOKEN, BigInteger.ZERO, Bytes.fromHex("0xa9059c")));

    assertThat(KernelPermissionStateLoader.callKeys(operation(batch))).containsExactlyInAnyOrder(
        TRANSFER_KEY, TRANSFER_KEY.anyTarget(), new CallKey(CallType.CALL, recipient, 0),
        new CallKey(CallType.CALL, Address.ZERO, 0));
    assertThat(KernelPermissionStateLoader.callKeys(operation(
        CallData.delegate(TOKEN, CallData.call(MINT))))).containsExactlyInAnyOrder(
        new CallKey(CallType.DELEGATECALL, TOKEN, MINT),
        new CallKey(CallType.DELEGATECALL, Address.ZERO, MINT));
    assertThat(KernelPermissionStateLoader.callKeys(operation(CallData.call(TRANSFER))))
        .isEmpty();
  }

  private static PackedUserOperation operation(Bytes callData) {
    return KernelOperations.unsigned(ACCOUNT, BigInteger.ZERO, callData);
  }

  /** What permissionConfig returns for {@code policies} signed by {@code signer}. */
  private static StoredPermission stored(List<Module> policies, Address signer) {
    return KernelPermissionDecoder.storedPermission(permissionConfig(0, signer,
        policies.stream().map(m -> new Policy(m.flag(), m.address())).toArray(Policy[]::new)));
  }

  /** {@code permissionConfig}'s answer: the tuple (bytes2 flag, address signer, bytes22[]). */
  private static Bytes permissionConfig(int flag, Address signer, Policy... policies) {
    List<Abi.Value> data = new ArrayList<>();
    for (Policy policy : policies) {
      data.add(Abi.fixedBytes(Bytes.concat(
          Bytes.wrap(new byte[] {(byte) (policy.flag() >>> 8), (byte) policy.flag()}),
          policy.address().toBytes())));
    }
    return Abi.encode(Abi.tuple(
        Abi.fixedBytes(Bytes.wrap(new byte[] {(byte) (flag >>> 8), (byte) flag})),
        Abi.address(signer), Abi.array(data)));
  }

  /**
   * {@code encodedPermissions}' answer, the ABI {@code bytes} of the stored {@code
   * abi.encode(uint256 valueLimit, ParamRule[] rules)}; empty for a null value limit (absent).
   */
  private static Bytes encodedPermission(BigInteger valueLimit, List<Rule> rules) {
    if (valueLimit == null) {
      return Abi.encode(Abi.bytes(Bytes.EMPTY));
    }
    List<Abi.Value> encodedRules = new ArrayList<>();
    for (Rule rule : rules) {
      encodedRules.add(Abi.tuple(Abi.uint(rule.condition()), Abi.uint(rule.offset()),
          Abi.array(rule.params().stream().map(Abi.Word::new).toList())));
    }
    return Abi.encode(Abi.bytes(Abi.encode(Abi.uint(valueLimit), Abi.array(encodedRules))));
  }
}
