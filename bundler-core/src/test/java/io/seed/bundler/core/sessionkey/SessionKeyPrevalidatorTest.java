package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionFormat;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.UsageBudget;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Verdicts of Kernel v3 permission operations built by hand around cached grants. */
class SessionKeyPrevalidatorTest {
  private static final long CHAIN = 31337;
  private static final long NOW = 1_800_000_000L;
  private static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final Address ACCOUNT =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address TOKEN =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Address RECIPIENT =
      Address.fromHex("0x3333333333333333333333333333333333333333");
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0xabcdef));
  private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(0xfedcba));
  private static final Bytes PERMISSION_ID = Bytes.fromHex("0xcafebabe");
  private static final GrantKey KEY =
      new GrantKey(CHAIN, V07.address(), ACCOUNT, ACCOUNT, PERMISSION_ID);
  private static final int TRANSFER = 0xa9059cbb;

  private final GrantCache cache = Prevalidators.cache();
  private final List<PackedUserOperation> pending = new ArrayList<>();
  private final SessionKeyPrevalidator prevalidator =
      Prevalidators.standard(cache, grant -> pending);

  private static SessionGrant grant(List<OperationRule> rules, int policySlots) {
    PermissionTree tree = PermissionTree.withTargetWildcard(Map.of(
        new CallKey(CallType.CALL, TOKEN, TRANSFER),
        new CallPermission(List.of(new ArgumentRule(Condition.LESS_THAN_OR_EQUAL, 32,
            List.of(Bytes32.fromUint(BigInteger.valueOf(1_000_000))))))));
    Address sessionKey = Address.fromHex("0x" + Keys.getAddress(SESSION.getPublicKey()));
    return new SessionGrant(KEY, new SessionSigner.EcdsaSessionKey(sessionKey),
        ValidityWindow.UNBOUNDED, PaymasterRule.ANY, rules, tree, policySlots);
  }

  private static BigInteger nonce(int mode, Bytes permissionId, int key, long sequence) {
    byte[] word = new byte[32];
    word[0] = (byte) mode;
    word[1] = 0x02;
    permissionId.copyTo(word, 2);
    word[22] = (byte) (key >>> 8);
    word[23] = (byte) key;
    return new BigInteger(1, word).add(BigInteger.valueOf(sequence));
  }

  private static Bytes transfer(long amount) {
    return CallData.single(TOKEN, BigInteger.ZERO,
        CallData.call(TRANSFER, CallData.word(RECIPIENT), BigInteger.valueOf(amount)));
  }

  private static Bytes32 hash(BigInteger nonce, Bytes callData) {
    return Bytes32.of(Hash.sha3(Bytes.concat(
        Bytes.wrap(Bytes32.fromUint(nonce).toArray()), callData).toArray()));
  }

  /** {@code 0xff ‖ r ‖ s ‖ v} by {@code key} over the EIP-191 form of {@code hash}. */
  private static Bytes signed(ECKeyPair key, Bytes32 hash) {
    Sign.SignatureData data = Sign.signPrefixedMessage(hash.toArray(), key);
    return Bytes.concat(Bytes.fromHex("0xff"), Bytes.wrap(data.getR()), Bytes.wrap(data.getS()),
        Bytes.wrap(data.getV()));
  }

  private static PackedUserOperation op(BigInteger nonce, Bytes callData, Bytes signature,
      Address paymaster) {
    BigInteger gas = BigInteger.valueOf(100_000);
    return new PackedUserOperation(ACCOUNT, nonce, null, Bytes.EMPTY, callData, gas, gas, gas,
        BigInteger.TEN, BigInteger.ONE, paymaster, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
        signature, null);
  }

  private static PackedUserOperation signedOp(long sequence, long amount) {
    BigInteger nonce = nonce(0, PERMISSION_ID, 0, sequence);
    Bytes callData = transfer(amount);
    return op(nonce, callData, signed(SESSION, hash(nonce, callData)), null);
  }

  private Verdict check(PackedUserOperation op) {
    return prevalidator.check(op, V07, CHAIN, hash(op.nonce(), op.callData()), NOW);
  }

  @Test
  void shouldNotApplyToAnOrdinaryNonce() {
    PackedUserOperation op = signedOp(0, 1);
    PackedUserOperation ordinary = op(BigInteger.ONE, op.callData(), op.signature(), null);

    assertThat(check(ordinary).kind()).isEqualTo(Verdict.Kind.NOT_APPLICABLE);
  }

  @Test
  void shouldNotApplyOnOtherEntryPointVersions() {
    cache.put(grant(List.of(), 0));
    PackedUserOperation op = signedOp(0, 1);

    Verdict verdict = prevalidator.check(op, EntryPoint.canonical(EntryPointVersion.V0_8), CHAIN,
        hash(op.nonce(), op.callData()), NOW);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.NOT_APPLICABLE);
  }

  @Test
  void shouldLeaveACacheMissToSimulation() {
    Verdict verdict = check(signedOp(0, 5_000_000));

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(verdict.grant()).isEqualTo(KEY);
  }

  @Test
  void shouldRejectAPermissionKnownToBeDisabled() {
    cache.putDisabled(KEY);

    Verdict verdict = check(signedOp(0, 1));

    assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(verdict.message()).isEqualTo(
        "session key: permission 0xcafebabe is not enabled for " + ACCOUNT);
  }

  @Test
  void shouldPassAnOperationWithinItsGrant() {
    cache.put(grant(List.of(), 0));

    assertThat(check(signedOp(0, 1_000_000)).kind()).isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldRejectAnOutOfScopeCallNamingTheCallAndTheRule() {
    cache.put(grant(List.of(), 0));

    Verdict verdict = check(signedOp(0, 1_000_001));

    assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(verdict.message()).isEqualTo("session key: call 0 to " + TOKEN
        + " selector 0xa9059cbb: argument 1 must be <= 1000000");
  }

  @Test
  void shouldLeaveAPaymasterToSimulationWhenTheGrantCannotTellWhetherItIsPermitted() {
    SessionGrant read = grant(List.of(), 0);
    cache.put(new SessionGrant(KEY, read.signer(), read.window(),
        new PaymasterRule.Unread("the module offers no getter"), read.operationRules(),
        read.permissions(), 0));
    PackedUserOperation valid = signedOp(0, 1);
    // Even another key's signature: the chain would judge the paymaster first.
    PackedUserOperation withPaymaster = op(valid.nonce(), valid.callData(),
        signed(STRANGER, hash(valid.nonce(), valid.callData())), TOKEN);

    Verdict verdict = check(withPaymaster);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(verdict.message()).isEqualTo("the module offers no getter");
    assertThat(check(valid).kind()).isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldRejectAnotherKeysSignatureAsAnInvalidSignature() {
    cache.put(grant(List.of(), 0));
    BigInteger nonce = nonce(0, PERMISSION_ID, 0, 0);
    Bytes callData = transfer(1);

    Verdict verdict = check(op(nonce, callData, signed(STRANGER, hash(nonce, callData)), null));

    assertThat(verdict.reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE);
  }

  @Test
  void shouldAcceptTheRawHashAndTheCompactForm() {
    cache.put(grant(List.of(), 0));
    BigInteger nonce = nonce(0, PERMISSION_ID, 0, 0);
    Bytes callData = transfer(1);
    Sign.SignatureData raw = Sign.signMessage(hash(nonce, callData).toArray(), SESSION, false);
    byte[] vs = raw.getS().clone();
    vs[0] |= (byte) ((raw.getV()[0] - 27) << 7);
    Bytes rsv = Bytes.concat(Bytes.fromHex("0xff"), Bytes.wrap(raw.getR()), Bytes.wrap(raw.getS()),
        Bytes.wrap(raw.getV()));
    Bytes compact = Bytes.concat(Bytes.fromHex("0xff"), Bytes.wrap(raw.getR()), Bytes.wrap(vs));

    assertThat(check(op(nonce, callData, rsv, null)).kind()).isEqualTo(Verdict.Kind.PASS);
    assertThat(check(op(nonce, callData, compact, null)).kind()).isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldRejectAnUnrecoverableSignatureAsARevert() {
    cache.put(grant(List.of(), 0));
    PackedUserOperation good = signedOp(0, 1);
    byte[] signature = good.signature().toArray();
    signature[65] = 1;

    Verdict verdict = check(good.withSignature(Bytes.wrap(signature)));

    assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(verdict.message()).contains("not recoverable");
  }

  @Test
  void shouldRejectMalformedSignaturesOfAnAccountWithACachedGrant() {
    cache.put(grant(List.of(), 0));
    PackedUserOperation good = signedOp(0, 1);

    Verdict noPrefix = check(good.withSignature(good.signature().slice(1, 66)));
    Verdict tooShort = check(good.withSignature(good.signature().slice(0, 40)));

    assertThat(noPrefix.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(noPrefix.message()).contains("0xff prefix");
    assertThat(tooShort.message()).contains("must be 64 or 65 bytes");
  }

  @Test
  void shouldLeaveMalformedEnableDataOfAnUnknownAccountToSimulation() {
    PackedUserOperation op = signedOp(0, 1);
    PackedUserOperation enable = op(nonce(1, PERMISSION_ID, 0, 0), op.callData(),
        Bytes.fromHex("0x1234"), null);

    assertThat(check(enable).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
  }

  @Test
  void shouldWalkPolicySignaturesBeforeTheSignerPrefix() {
    cache.put(grant(List.of(), 3));
    PackedUserOperation op = signedOp(0, 1);
    Bytes policySignatures = Bytes.fromHex("0x000000000000000001aa020000000000000002bbbb");
    Bytes outOfOrder = Bytes.fromHex("0x010000000000000001aa000000000000000001bb");

    Verdict ordered = check(op.withSignature(Bytes.concat(policySignatures, op.signature())));
    Verdict unordered = check(op.withSignature(Bytes.concat(outOfOrder, op.signature())));

    assertThat(ordered.kind()).isEqualTo(Verdict.Kind.PASS);
    assertThat(unordered.message()).contains("out of order");
  }

  @Test
  void shouldRejectWindowsThatAreNotOpenOrCloseTooSoon() {
    cache.put(grant(List.of(new TimeWindowRule(NOW + 1, 0)), 0));
    Verdict early = check(signedOp(0, 1));
    cache.put(grant(List.of(new TimeWindowRule(0, NOW + 29)), 0));
    Verdict closing = check(signedOp(0, 1));
    cache.put(grant(List.of(new TimeWindowRule(0, NOW - 5)), 0));
    Verdict expired = check(signedOp(0, 1));
    cache.put(grant(List.of(new TimeWindowRule(0, NOW + 30)), 0));
    Verdict open = check(signedOp(0, 1));

    assertThat(early.reason()).isEqualTo(RejectionReason.EXPIRES_SHORTLY);
    assertThat(early.message()).contains("not valid before " + (NOW + 1));
    assertThat(closing.reason()).isEqualTo(RejectionReason.EXPIRES_SHORTLY);
    assertThat(closing.message()).contains("valid until " + (NOW + 29)
        + ", closes within the 30s margin (now " + NOW + ")");
    assertThat(expired.reason()).isEqualTo(RejectionReason.EXPIRES_SHORTLY);
    assertThat(expired.message()).contains("valid until " + (NOW - 5) + ", expired 5s ago");
    assertThat(open.kind()).isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldReportScopeBeforeSignatureBeforeWindowAsTheChainDoes() {
    cache.put(grant(List.of(new TimeWindowRule(0, NOW - 1)), 0));
    BigInteger nonce = nonce(0, PERMISSION_ID, 0, 0);
    Bytes inScope = transfer(1);
    Bytes outOfScope = transfer(2_000_000);

    assertThat(check(op(nonce, outOfScope, signed(STRANGER, hash(nonce, outOfScope)), null))
        .reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(check(op(nonce, inScope, signed(STRANGER, hash(nonce, inScope)), null))
        .reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE);
    assertThat(check(signedOp(0, 1)).reason()).isEqualTo(RejectionReason.EXPIRES_SHORTLY);
  }

  @Test
  void shouldCountPendingOperationsOfTheSameGrantInNonceOrder() {
    cache.put(grant(List.of(new UsageBudget(BigInteger.TWO, BigInteger.ZERO)), 0));
    pending.add(signedOp(0, 1));
    pending.add(signedOp(1, 1));

    assertThat(check(signedOp(1, 1)).kind()).isEqualTo(Verdict.Kind.PASS);
    Verdict third = check(signedOp(2, 1));
    assertThat(third.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(third.message()).isEqualTo("session key: usage limit of 2 is exhausted");
  }

  @Test
  void shouldNotCountPendingOperationsThatFailOrUseAnotherNonceKey() {
    cache.put(grant(List.of(new UsageBudget(BigInteger.ONE, BigInteger.ZERO)), 0));
    pending.add(signedOp(0, 5_000_000));
    BigInteger otherKey = nonce(0, PERMISSION_ID, 7, 0);
    pending.add(op(otherKey, transfer(1), Bytes.EMPTY, null));

    assertThat(check(signedOp(1, 1)).kind()).isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldLeaveAnOpaquePolicyToSimulationUnlessAKnownRuleFails() {
    cache.put(grant(List.of(new OpaqueRule(RECIPIENT)), 0));

    Verdict inScope = check(signedOp(0, 1));
    Verdict outOfScope = check(signedOp(0, 1_000_001));

    assertThat(inScope.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(inScope.message()).contains("is not modelled");
    assertThat(outOfScope.kind()).isEqualTo(Verdict.Kind.REJECT);
  }

  @Test
  void shouldThrowTheRejectionOfARejectVerdict() {
    cache.put(grant(List.of(), 0));

    Verdict verdict = check(signedOp(0, 1_000_001));

    assertThatThrownBy(verdict::throwIfRejected)
        .isInstanceOf(UserOperationRejectedException.class)
        .hasMessage(verdict.message());
  }

  private SessionKeyPrevalidator loading(List<GrantKey> loads) {
    return new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(KernelPermissionContracts.zeroDevDeployments())),
        cache, new SignerVerification(new SessionKeyRegistry(10)), PendingOperations.NONE, 30,
        (key, op) -> loads.add(key));
  }

  @Test
  void shouldAskTheLoaderOnACacheMissOnly() {
    List<GrantKey> loads = new ArrayList<>();
    SessionKeyPrevalidator loading = loading(loads);
    PackedUserOperation op = signedOp(0, 1_000_001);
    Bytes32 hash = hash(op.nonce(), op.callData());

    assertThat(loading.check(op, V07, CHAIN, hash, NOW).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(loads).containsExactly(KEY);
    cache.put(grant(List.of(), 0));
    assertThat(loading.check(op, V07, CHAIN, hash, NOW).kind()).isEqualTo(Verdict.Kind.REJECT);
    cache.putDisabled(KEY);
    assertThat(loading.check(op, V07, CHAIN, hash, NOW).kind()).isEqualTo(Verdict.Kind.REJECT);
    assertThat(loads).containsExactly(KEY);
  }

  @Test
  void shouldLeaveACallAPartialGrantHasNotReadToSimulationAndAskTheLoaderForIt() {
    List<GrantKey> loads = new ArrayList<>();
    SessionKeyPrevalidator loading = loading(loads);
    CallKey transfer = new CallKey(CallType.CALL, TOKEN, TRANSFER);
    SessionGrant complete = grant(List.of(), 0);
    PermissionTree unread = PermissionTree.readWithTargetWildcard(Map.of(), Set.of());
    cache.put(new SessionGrant(KEY, complete.signer(), ValidityWindow.UNBOUNDED,
        PaymasterRule.ANY, List.of(), unread, 0));
    PackedUserOperation outOfScope = signedOp(0, 1_000_001);
    Bytes32 hash = hash(outOfScope.nonce(), outOfScope.callData());

    Verdict beforeRead = loading.check(outOfScope, V07, CHAIN, hash, NOW);
    assertThat(beforeRead.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(beforeRead.message()).contains("not read from the chain yet");
    assertThat(loads).containsExactly(KEY);

    PermissionTree read = unread.extendedWith(PermissionTree.readWithTargetWildcard(
        complete.permissions().permissions(), Set.of(transfer, transfer.anyTarget())));
    cache.put(new SessionGrant(KEY, complete.signer(), ValidityWindow.UNBOUNDED,
        PaymasterRule.ANY, List.of(), read, 0));

    Verdict afterRead = loading.check(outOfScope, V07, CHAIN, hash, NOW);
    assertThat(afterRead.kind()).isEqualTo(Verdict.Kind.REJECT);
    assertThat(afterRead.message()).contains("argument 1 must be <= 1000000");
    assertThat(check(signedOp(0, 1_000_000)).kind()).isEqualTo(Verdict.Kind.PASS);
    assertThat(loads).containsExactly(KEY);
  }

  // ---------------------------------------------------------------------------------------------
  // SessionKeyPrevalidation: the pre-validator as the pipeline sees it.

  private final SessionKeyPrevalidation prevalidation =
      new SessionKeyPrevalidation(prevalidator, cache, CHAIN);

  @Test
  void shouldThrowOnlyTheRejectionsAsThePipelinesPrevalidation() throws Exception {
    cache.put(grant(List.of(), 0));
    PackedUserOperation outOfScope = signedOp(0, 1_000_001);
    PackedUserOperation inScope = signedOp(0, 1);

    assertThatThrownBy(() -> prevalidation.check(outOfScope, V07,
        hash(outOfScope.nonce(), outOfScope.callData()), NOW))
        .isInstanceOfSatisfying(UserOperationRejectedException.class, rejected -> assertThat(
            rejected.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT));
    prevalidation.check(inScope, V07, hash(inScope.nonce(), inScope.callData()), NOW);
  }
}
