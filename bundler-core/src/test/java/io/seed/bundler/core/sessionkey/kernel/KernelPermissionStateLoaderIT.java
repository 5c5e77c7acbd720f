package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.GasBudget;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.RateLimit;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Kernel v3.1 permissions installed on anvil while the bundler was not watching (an enable-mode
 * operation sent straight to {@code handleOps}), read back by the {@link
 * KernelPermissionStateLoader} when the pre-validator misses them: the signer, the policies'
 * current settings and counters, and the CallPolicy entries the operations' calls look up, key by
 * key. The chain's own verdict is taken by sending the same operation in a bundle.
 */
class KernelPermissionStateLoaderIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int TRANSFER = 0xa9059cbb;
  private static final int APPROVE = 0x095ea7b3;
  private static final int MINT = 0x40c10f19;
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000);
  private static final Address TOKEN = Address.fromHex("0x7e57000000000000000000000000000000000021");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a021");
  private static final Address SPENDER =
      Address.fromHex("0x000000000000000000000000000000000000c021");
  /** SudoPolicy's code at an address no deployment list names: a policy not modelled. */
  private static final Address UNKNOWN_POLICY =
      Address.fromHex("0x00000000000000000000000000000000000f0021");
  private static final Bytes PERMISSION = Bytes.fromHex("0x5e551021");
  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e3));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e57));
  private static final KernelPermissionContracts CONTRACTS =
      KernelPermissionContracts.zeroDevDeployments();
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  /** What one operation of {@link KernelOperations#unsigned} may cost a gas budget. */
  private static final BigInteger COST =
      BigInteger.valueOf(60_000 + 6_000_000 + 300_000).multiply(BigInteger.valueOf(3_000_000_000L));
  /** CallPolicy: transfer of the token up to the limit, approve to the one spender. */
  private static final Module CALLS = new Module(0, KernelChain.CALL_POLICY,
      KernelPermissionData.callPolicy(List.of(
          new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO,
              List.of(Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, LIMIT))),
          new CallPermission(CallType.CALL, TOKEN, APPROVE, BigInteger.ZERO,
              List.of(Rule.of(Condition.EQUAL, 0, CallData.word(SPENDER)))))));

  private static EntryPoint entryPoint;
  private static KernelChain chain;
  private static KernelOperations operations;

  private final GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10),
      1_000);
  private HttpNodeClient loaderNode;
  private SessionKeyPrevalidator prevalidator;
  private Address account;
  private long now;

  @BeforeAll
  static void deployKernel() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    chain.install(TOKEN, "sessionkey/TestToken");
    chain.install(UNKNOWN_POLICY, "sessionkey/SessionKeySudoPolicy");
    operations = new KernelOperations(entryPoint, ANVIL.chainId());
  }

  @BeforeEach
  void createAccountAndLoader() {
    loaderNode = new HttpNodeClient(NodeClientConfig.of(ANVIL.chain().url()));
    prevalidator = new SessionKeyPrevalidator(List.of(new KernelPermissionFormat(CONTRACTS)),
        grants, new SignerVerification(new SessionKeyRegistry(100)), PendingOperations.NONE, 30,
        new KernelPermissionStateLoader(new EthApi(loaderNode), grants, CONTRACTS,
            Ticker.systemTicker(), Duration.ofMinutes(1), 1_000));
    account = chain.createAccount(address(OWNER),
        Bytes32.fromUint(BigInteger.valueOf(2_000 + ACCOUNTS.incrementAndGet())),
        BigInteger.TEN.pow(21));
    chain.transact(TOKEN, CallData.call(MINT, CallData.word(account), BigInteger.TEN.pow(9)));
    now = ANVIL.eth().latestBlock().join().timestamp();
  }

  @AfterEach
  void closeLoaderNode() {
    loaderNode.close();
  }

  @Test
  void shouldReadAPermissionInstalledUnseenAndJudgeTheCallsItRead() throws Exception {
    enableUnseen(List.of(CALLS, new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY)));
    PackedUserOperation overLimit = sessionOp(0, transfer(LIMIT.add(BigInteger.ONE)));

    Verdict first = check(overLimit);

    assertThat(first.kind()).as(first.message()).isEqualTo(Verdict.Kind.UNKNOWN);
    SessionGrant grant = awaitGrant(g -> g.permissions().covers(key(CallType.CALL, TOKEN,
        TRANSFER)));
    assertThat(loaderNode.requestCount())
        .as("four account views, then the signer and the transfer under two targets").isEqualTo(7);
    assertThat(grant.signer()).isEqualTo(new SessionSigner.EcdsaSessionKey(address(SESSION)));
    assertThat(grant.permissions().read()).containsExactlyInAnyOrder(
        key(CallType.CALL, TOKEN, TRANSFER), key(CallType.CALL, Address.ZERO, TRANSFER));
    Verdict rejected = check(overLimit);
    assertThat(rejected.rejected()).as(rejected.message()).isTrue();
    assertThat(rejected.message()).contains("call 0 to " + TOKEN + " selector 0xa9059cbb")
        .contains("argument 1");
    assertThatThrownBy(() -> chain.handleOps(overLimit)).hasMessageContaining("would fail");
    PackedUserOperation inScope = sessionOp(0, transfer(LIMIT));
    assertThat(check(inScope).kind()).isEqualTo(Verdict.Kind.PASS);
    chain.handleOps(inScope);

    PackedUserOperation approve = sessionOp(1, approve(SPENDER));
    Verdict unread = check(approve);
    assertThat(unread.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(unread.message()).contains("not read from the chain yet");
    PermissionTree extended = awaitGrant(g -> g.permissions().covers(
        key(CallType.CALL, TOKEN, APPROVE))).permissions();
    assertThat(extended.read()).containsExactlyInAnyOrder(
        key(CallType.CALL, TOKEN, TRANSFER), key(CallType.CALL, Address.ZERO, TRANSFER),
        key(CallType.CALL, TOKEN, APPROVE), key(CallType.CALL, Address.ZERO, APPROVE));
    assertThat(loaderNode.requestCount()).as("a second load of the approve keys alone")
        .isEqualTo(14);
    assertThat(check(sessionOp(1, approve(RECIPIENT))).message()).contains("argument 0");
    assertThat(check(approve).kind()).isEqualTo(Verdict.Kind.PASS);
    chain.handleOps(approve);
    assertThat(check(sessionOp(2, transfer(LIMIT))).kind())
        .as("the keys read first are still known").isEqualTo(Verdict.Kind.PASS);
  }

  @Test
  void shouldReadThatASelectorIsAbsentAndRejectItsCallsAsTheChainDoes() throws Exception {
    enableUnseen(List.of(CALLS));
    PackedUserOperation mint = sessionOp(0, CallData.single(TOKEN, BigInteger.ZERO,
        CallData.call(MINT, CallData.word(RECIPIENT), BigInteger.ONE)));

    assertThat(check(mint).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    awaitGrant(g -> g.permissions().covers(key(CallType.CALL, TOKEN, MINT)));

    Verdict verdict = check(mint);
    assertThat(verdict.rejected()).as(verdict.message()).isTrue();
    assertThat(verdict.message()).contains("not permitted by the call policy");
    assertThatThrownBy(() -> chain.handleOps(mint)).hasMessageContaining("would fail");
  }

  @Test
  void shouldReadEachOperationsKeysOnceWhileItsLoadIsRecent() throws Exception {
    enableUnseen(List.of(CALLS));
    PackedUserOperation inScope = sessionOp(0, transfer(BigInteger.ONE));

    check(inScope);
    check(inScope);
    awaitGrant(g -> g.permissions().covers(key(CallType.CALL, TOKEN, TRANSFER)));
    check(sessionOp(0, approve(SPENDER)));
    check(sessionOp(0, approve(SPENDER)));
    awaitGrant(g -> g.permissions().covers(key(CallType.CALL, TOKEN, APPROVE)));

    assertThat(loaderNode.requestCount()).isEqualTo(14);
  }

  @Test
  void shouldReadTheCountersAsTheChainHasThemAfterUses() throws Exception {
    BigInteger budget = COST.multiply(BigInteger.TEN);
    long startAt = now - 3_600;
    enableUnseen(List.of(CALLS,
        new Module(0, KernelChain.RATE_LIMIT_POLICY, KernelPermissionData.rateLimit(60, 5,
            startAt)),
        new Module(0, KernelChain.GAS_POLICY, KernelPermissionData.gas(budget, false,
            Address.ZERO))));
    chain.handleOps(sessionOp(0, transfer(BigInteger.ONE)));
    chain.handleOps(sessionOp(1, transfer(BigInteger.TWO)));

    assertThat(check(sessionOp(2, transfer(BigInteger.ONE))).kind())
        .isEqualTo(Verdict.Kind.UNKNOWN);
    SessionGrant grant = awaitGrant(g -> true);

    RateLimit rateLimit = new RateLimit(60, 2, startAt + 3 * 60);
    GasBudget gas = new GasBudget(budget.subtract(COST.multiply(BigInteger.valueOf(3))), null);
    assertThat(grant.operationRules()).containsExactly(rateLimit, gas);
    assertThat(chain.call(KernelChain.RATE_LIMIT_POLICY,
        Abi.call("rateLimitConfigs(bytes32,address)", id(), Abi.address(account))))
        .isEqualTo(Abi.encode(Abi.uint(60), Abi.uint(2), Abi.uint(startAt + 3 * 60)));
    assertThat(chain.call(KernelChain.GAS_POLICY,
        Abi.call("gasPolicyConfig(bytes32,address)", id(), Abi.address(account))))
        .isEqualTo(KernelPermissionData.gas(gas.allowed(), false, Address.ZERO));
    PackedUserOperation fourth = sessionOp(2, transfer(BigInteger.ONE));
    assertThat(check(fourth).kind()).isEqualTo(Verdict.Kind.PASS);
    chain.handleOps(fourth);
  }

  @Test
  void shouldKeepAPolicyNotModelledOpaque() throws Exception {
    enableUnseen(List.of(CALLS, new Module(0, UNKNOWN_POLICY, Bytes.EMPTY)));
    PackedUserOperation inScope = sessionOp(0, transfer(BigInteger.ONE));

    assertThat(check(inScope).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    SessionGrant grant = awaitGrant(g -> g.permissions().covers(key(CallType.CALL, TOKEN,
        TRANSFER)));

    assertThat(grant.operationRules()).containsExactly(new OpaqueRule(UNKNOWN_POLICY));
    Verdict verdict = check(inScope);
    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    assertThat(verdict.message()).contains("policy " + UNKNOWN_POLICY + " is not modelled");
    assertThat(check(sessionOp(0, transfer(LIMIT.add(BigInteger.ONE)))).rejected()).isTrue();
    chain.handleOps(inScope);
  }

  /**
   * Installs a permission of {@code policies} and the session's ECDSASigner with an enable-mode
   * operation sent straight to the chain, transferring 1 of the token: nothing tells the
   * pre-validator.
   */
  private void enableUnseen(List<Module> policies) {
    Bytes data = KernelPermissionData.validatorData(policies,
        new Module(0, KernelChain.ECDSA_SIGNER, address(SESSION).toBytes()));
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, PERMISSION), transfer(BigInteger.ONE));
    Bytes userOpSignature =
        Bytes.concat(Bytes.fromHex("0xff"), operations.sign(op, SESSION, SignatureStyle.EIP191));
    chain.handleOps(op.withSignature(operations.enableSignature(account, PERMISSION, data,
        chain.currentNonce(account), OWNER, userOpSignature)));
  }

  private Verdict check(PackedUserOperation op) {
    return prevalidator.check(op, entryPoint, ANVIL.chainId(), operations.hash(op),
        ANVIL.eth().latestBlock().join().timestamp());
  }

  /** The cached grant once it satisfies {@code condition}. */
  private SessionGrant awaitGrant(Predicate<SessionGrant> condition) throws InterruptedException {
    GrantKey key = new GrantKey(ANVIL.chainId(), entryPoint.address(), account, account,
        PERMISSION);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline
        && !grants.find(key).map(condition::test).orElse(false)) {
      Thread.sleep(20);
    }
    assertThat(grants.find(key)).as("%s read from the chain", key).isPresent()
        .get().matches(condition);
    return grants.find(key).orElseThrow();
  }

  /** The session key's operation {@code sequence} of the permission, calling {@code callData}. */
  private PackedUserOperation sessionOp(long sequence, Bytes callData) {
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_DEFAULT, PERMISSION)
            .add(BigInteger.valueOf(sequence)),
        callData);
    return op.withSignature(Bytes.concat(Bytes.fromHex("0xff"),
        operations.sign(op, SESSION, SignatureStyle.EIP191)));
  }

  private static CallKey key(CallType type, Address target, int selector) {
    return new CallKey(type, target, selector);
  }

  private static Abi.Value id() {
    return Abi.fixedBytes(PERMISSION);
  }

  private static Bytes transfer(BigInteger amount) {
    return CallData.single(TOKEN, BigInteger.ZERO,
        CallData.call(TRANSFER, CallData.word(RECIPIENT), amount));
  }

  private static Bytes approve(Address spender) {
    return CallData.single(TOKEN, BigInteger.ZERO,
        CallData.call(APPROVE, CallData.word(spender), BigInteger.TEN));
  }

  private static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }
}
