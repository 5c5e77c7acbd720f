package io.seed.bundler.core.sessionkey.smartsessions;

import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.EQUAL;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.LESS_THAN_OR_EQUAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantLoader;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.LimitedArgument;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget.TokenBudget;
import io.seed.bundler.core.sessionkey.permission.UsageBudget;
import io.seed.bundler.core.sessionkey.permission.ValueBudget;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Action;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.ParamRule;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Policy;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Session;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.ValidationConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;

/**
 * Smart Sessions enabled on chain (by installing the module) without the bundler seeing them: the
 * pre-validator knows nothing at first, and {@link SmartSessionGrantLoader} reads the grants back
 * from SmartSession's and the policies' getters on a real anvil (Kernel v3.1, the modulekit 0.5.9
 * SmartSession build, our policies exposing the released getters).
 */
class SmartSessionGrantLoaderIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final long MARGIN_SECONDS = ValidationConfig.DEFAULTS.expiryMargin().toSeconds();
  private static final int TRANSFER = 0xa9059cbb;
  private static final int APPROVE = 0x095ea7b3;
  private static final int MINT = 0x40c10f19;
  private static final int VALUE_ONLY = 0xffffffff;
  private static final int FALLBACK = 0x00000001;
  private static final BigInteger TRANSFER_LIMIT = BigInteger.valueOf(5_000);
  private static final BigInteger NATIVE_LIMIT = BigInteger.TEN.pow(18);
  private static final BigInteger SPENDING_LIMIT = BigInteger.valueOf(10_000);
  private static final long USES = 10;

  private static final Address TOKEN = numbered(0x7e01);
  private static final Address SPEND_TOKEN = numbered(0x7e03);
  private static final Address RECIPIENT = numbered(0xa001);
  private static final Address SPENDER = numbered(0xc001);
  private static final Address SPECIAL = numbered(0x0001);
  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e1));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e55));

  private static SmartSessionChain chain;
  private static EntryPoint entryPoint;
  private static Address account;
  private static long now;
  /** Judged without ever being used on chain. */
  private static Session scoped;
  /** Used on chain before it is read, so its counters are not zero. */
  private static Session counted;
  /** Removed on chain before it is read. */
  private static Session removed;

  @BeforeAll
  static void enableSessionsOnChainOnly() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = SmartSessionChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint,
        ANVIL.chainId());
    for (Address token : List.of(TOKEN, SPEND_TOKEN)) {
      chain.kernel().install(token, "sessionkey/TestToken");
    }
    account = chain.createAccount(OWNER, BigInteger.TEN.pow(21));
    for (Address token : List.of(TOKEN, SPEND_TOKEN)) {
      chain.kernel().transact(token,
          CallData.call(MINT, CallData.word(account), BigInteger.TEN.pow(24)));
    }
    now = new EthApi(ANVIL.client()).latestBlock().join().timestamp();
    scoped = scopedSession(1);
    counted = scopedSession(2);
    removed = new Session(SmartSessionChain.OWNABLE_EIP191, ownedBySession(), salt(3),
        List.of(new Policy(SmartSessionChain.SUDO_POLICY, Bytes.EMPTY)),
        List.of(new Action(FALLBACK, SPECIAL,
            List.of(new Policy(SmartSessionChain.SUDO_POLICY, Bytes.EMPTY)))), false);
    chain.installSmartSession(account, OWNER, List.of(scoped, counted, removed));

    // Three operations of the counted session: 700 of TOKEN (a cumulative argument), 0.3 ETH (a
    // value budget) and 4,000 of SPEND_TOKEN (a spending limit); each takes one of its uses.
    List<Bytes> uses = List.of(transfer(TOKEN, BigInteger.valueOf(700)),
        CallData.single(RECIPIENT, NATIVE_LIMIT.multiply(BigInteger.valueOf(3))
            .divide(BigInteger.TEN), Bytes.EMPTY),
        transfer(SPEND_TOKEN, BigInteger.valueOf(4_000)));
    for (int i = 0; i < uses.size(); i++) {
      chain.handleOps(onChain(use(counted, SmartSessionChain.nonce(1, i), uses.get(i))));
    }
    chain.removeSession(account, OWNER, removed.permissionId());
  }

  @Test
  void shouldLoadOnAMissThenJudgeReadActionsInMemoryAndLoadUnreadOnes() {
    Loading loading = new Loading();
    GrantKey key = key(scoped);

    Verdict first = loading.check(use(scoped, transfer(TOKEN, BigInteger.ONE)));
    assertThat(first.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(first.message()).contains("no grant cached");
    assertThat(loading.grants.find(key)).isEmpty();
    loading.awaitLoads();
    PermissionTree tree = loading.grants.find(key).orElseThrow().permissions();
    assertThat(tree.isComplete()).isFalse();
    assertThat(tree.read()).contains(action(TOKEN, TRANSFER))
        .doesNotContain(action(TOKEN, APPROVE));

    Verdict over = loading.check(use(scoped, transfer(TOKEN, TRANSFER_LIMIT.add(BigInteger.ONE))));
    assertThat(over.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(over.message()).contains("must be <= " + TRANSFER_LIMIT);
    // This SmartSession build answers getActionPolicies with an empty list: the modelled policies
    // are found one by one, and another beside them cannot be ruled out.
    assertThat(rules(loading.grants.find(key).orElseThrow(), TOKEN, TRANSFER))
        .last().isEqualTo(new OpaqueRule(SmartSessionChain.SMART_SESSION));
    Verdict within = loading.check(use(scoped, transfer(TOKEN, TRANSFER_LIMIT)));
    assertThat(within.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(within.message()).contains("is not modelled");

    Verdict unread = loading.check(use(scoped, approve(SPENDER)));
    assertThat(unread.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(unread.message()).contains("not read from the chain yet");
    loading.awaitLoads();
    assertThat(loading.grants.find(key).orElseThrow().permissions().read())
        .contains(action(TOKEN, TRANSFER), action(TOKEN, APPROVE));
    assertThat(loading.check(use(scoped, approve(SPENDER))).rejected()).isFalse();
    assertThat(loading.check(use(scoped, approve(RECIPIENT))).message())
        .contains("must be == ");

    loading.check(use(scoped, single(TOKEN, CallData.call(MINT, CallData.word(account),
        BigInteger.ONE))));
    loading.awaitLoads();
    Verdict mint = loading.check(use(scoped, single(TOKEN, CallData.call(MINT,
        CallData.word(account), BigInteger.ONE))));
    assertThat(mint.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(mint.message()).contains("no action policy permits it");

    PackedUserOperation plain = use(scoped, transfer(TOKEN, BigInteger.ONE));
    PackedUserOperation withPaymaster = new PackedUserOperation(plain.sender(), plain.nonce(),
        null, Bytes.EMPTY, plain.callData(), plain.callGasLimit(),
        plain.verificationGasLimit(), plain.preVerificationGas(), plain.maxFeePerGas(),
        plain.maxPriorityFeePerGas(), numbered(0xfeed), BigInteger.valueOf(100_000),
        BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
    Verdict paymaster = loading.check(signed(scoped, withPaymaster));
    assertThat(paymaster.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(paymaster.message()).contains("permits a paymaster");
  }

  @Test
  void shouldReadSignerWindowAndCountersAsTheChainHoldsThem() {
    Loading loading = new Loading();
    GrantKey key = key(counted);
    PackedUserOperation all = use(counted, CallData.batch(
        new Call(CallType.CALL, TOKEN, BigInteger.ZERO, transferData(BigInteger.ONE)),
        new Call(CallType.CALL, RECIPIENT, BigInteger.ONE, Bytes.EMPTY),
        new Call(CallType.CALL, SPEND_TOKEN, BigInteger.ZERO, transferData(BigInteger.ONE))));
    loading.check(all);
    loading.awaitLoads();
    SessionGrant grant = loading.grants.find(key).orElseThrow();

    assertThat(grant.signer()).isEqualTo(new SessionSigner.OwnableSessionKeys(1,
        List.of(SmartSessionChain.address(SESSION))));
    assertThat(grant.operationRules()).containsExactly(
        new TimeWindowRule(now - 86_400, now + 30 * 86_400),
        new UsageBudget(BigInteger.valueOf(USES), BigInteger.valueOf(3)));
    assertThat(rules(grant, TOKEN, TRANSFER)).contains(
        new LimitedArgument(32, TRANSFER_LIMIT, BigInteger.valueOf(700)));
    assertThat(rules(grant, RECIPIENT, VALUE_ONLY)).contains(
        new ValueBudget(NATIVE_LIMIT, NATIVE_LIMIT.multiply(BigInteger.valueOf(3))
            .divide(BigInteger.TEN)));
    assertThat(rules(grant, SPEND_TOKEN, TRANSFER)).contains(
        new TokenSpendingBudget(account, Map.of(SPEND_TOKEN, new TokenBudget(
            SPENDING_LIMIT, BigInteger.valueOf(4_000), BigInteger.ZERO))));

    // The same counters judge in memory: what is left is not refused, one more is.
    assertThat(loading.check(use(counted, transfer(TOKEN, BigInteger.valueOf(4_300))))
        .rejected()).isFalse();
    assertThat(loading.check(use(counted, transfer(TOKEN, BigInteger.valueOf(4_301))))
        .message()).contains("summed over uses");
    assertThat(loading.check(use(counted, transfer(SPEND_TOKEN, BigInteger.valueOf(6_001))))
        .message()).contains("spent and approved must be <= " + SPENDING_LIMIT);
    assertThat(loading.check(use(counted, CallData.single(RECIPIENT,
        NATIVE_LIMIT.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN).add(BigInteger.ONE),
        Bytes.EMPTY))).message()).contains("cumulative value must be <= " + NATIVE_LIMIT);
  }

  @Test
  void shouldCacheASessionRemovedOnChainAsDisabled() {
    Loading loading = new Loading();
    assertThat(loading.check(use(removed, transfer(TOKEN, BigInteger.ONE))).kind())
        .isEqualTo(Verdict.Kind.UNKNOWN);
    loading.awaitLoads();
    assertThat(loading.grants.isDisabled(key(removed))).isTrue();
    Verdict again = loading.check(use(removed, transfer(TOKEN, BigInteger.ONE)));
    assertThat(again.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(again.message()).contains("is not enabled");
  }

  /** A pre-validator whose loader's reads the test can wait for. */
  private static final class Loading {
    final GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 1_000);
    final SmartSessionGrantLoader loader = new SmartSessionGrantLoader(new EthApi(ANVIL.client()),
        grants, SmartSessionContracts.rhinestoneDeployments(), Ticker.systemTicker(),
        Duration.ofMinutes(10), 1_000);
    final List<CompletableFuture<Void>> reads = new ArrayList<>();
    final SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
        List.of(new SmartSessionFormat(SmartSessionContracts.rhinestoneDeployments())), grants,
        new SignerVerification(new SessionKeyRegistry(100)), PendingOperations.NONE,
        MARGIN_SECONDS, (GrantLoader) (key, op) -> reads.add(loader.read(key, op)));

    Verdict check(PackedUserOperation op) {
      return prevalidator.check(op, entryPoint, ANVIL.chainId(),
          chain.operations().hash(op), now);
    }

    /** Waits for every read asked so far. */
    void awaitLoads() {
      reads.forEach(CompletableFuture::join);
    }
  }

  /** Session key 1 of 1, a time frame and a usage limit, one action per allowed call. */
  private static Session scopedSession(int salt) {
    Policy transfer = new Policy(SmartSessionChain.UNI_ACTION_POLICY, SmartSessionData.uniAction(
        BigInteger.ZERO, List.of(new ParamRule(LESS_THAN_OR_EQUAL, 32, true, TRANSFER_LIMIT,
            TRANSFER_LIMIT))));
    Policy approve = new Policy(SmartSessionChain.UNI_ACTION_POLICY, SmartSessionData.uniAction(
        BigInteger.ZERO, List.of(ParamRule.of(EQUAL, 0, CallData.word(SPENDER)))));
    return new Session(SmartSessionChain.OWNABLE_EIP191, ownedBySession(), salt(salt),
        List.of(new Policy(SmartSessionChain.TIME_FRAME_POLICY,
                SmartSessionData.timeFrame(now + 30 * 86_400, now - 86_400)),
            new Policy(SmartSessionChain.USAGE_LIMIT_POLICY, SmartSessionData.usageLimit(USES))),
        List.of(new Action(TRANSFER, TOKEN, List.of(transfer)),
            new Action(APPROVE, TOKEN, List.of(approve)),
            new Action(VALUE_ONLY, RECIPIENT, List.of(new Policy(
                SmartSessionChain.VALUE_LIMIT_POLICY, SmartSessionData.valueLimit(NATIVE_LIMIT)))),
            new Action(TRANSFER, SPEND_TOKEN, List.of(new Policy(
                SmartSessionChain.SPENDING_LIMITS_POLICY, SmartSessionData.spendingLimits(
                    List.of(SPEND_TOKEN), List.of(SPENDING_LIMIT)))))),
        false);
  }

  private static List<CallRule> rules(SessionGrant grant, Address target, int selector) {
    return grant.permissions().permissions().get(action(target, selector)).rules();
  }

  private static CallKey action(Address target, int selector) {
    return new CallKey(CallType.CALL, target, selector);
  }

  private static PackedUserOperation use(Session session, Bytes callData) {
    return use(session, SmartSessionChain.nonce(0, 0), callData);
  }

  private static PackedUserOperation use(Session session, BigInteger nonce, Bytes callData) {
    return signed(session, KernelOperations.unsigned(account, nonce, callData));
  }

  private static PackedUserOperation signed(Session session, PackedUserOperation op) {
    return op.withSignature(SmartSessionData.useSignature(session.permissionId(),
        KernelOperations.signature(chain.operations().hash(op).toArray(), SESSION,
            SignatureStyle.EIP191)));
  }

  /** The operation in the envelope the chain's pre-v1.0.0 SmartSession build reads. */
  private static PackedUserOperation onChain(PackedUserOperation op) {
    return op.withSignature(SmartSessionData.prereleaseEnvelope(op.signature()));
  }

  private static GrantKey key(Session session) {
    return new GrantKey(ANVIL.chainId(), entryPoint.address(), account,
        SmartSessionChain.SMART_SESSION, Bytes.wrap(session.permissionId().toArray()));
  }

  private static Bytes transfer(Address token, BigInteger amount) {
    return single(token, transferData(amount));
  }

  private static Bytes transferData(BigInteger amount) {
    return CallData.call(TRANSFER, CallData.word(RECIPIENT), amount);
  }

  private static Bytes approve(Address spender) {
    return single(TOKEN, CallData.call(APPROVE, CallData.word(spender), BigInteger.TEN));
  }

  private static Bytes single(Address target, Bytes data) {
    return CallData.single(target, BigInteger.ZERO, data);
  }

  private static Bytes ownedBySession() {
    return SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(SESSION)));
  }

  private static Bytes32 salt(int n) {
    return Bytes32.fromUint(BigInteger.valueOf(n));
  }

  private static Address numbered(int low) {
    byte[] raw = new byte[20];
    raw[18] = (byte) (low >>> 8);
    raw[19] = (byte) low;
    return Address.of(raw);
  }
}
