package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.chain.ChainWatcher;
import io.seed.bundler.core.chain.ChainWatcherConfig;
import io.seed.bundler.core.chain.HeadListener;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantObserver;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.testing.Receipts;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Grants learnt from the chain on Kernel v3.1 (anvil): permissions that operations in another
 * bundler's transactions enable, install, uninstall and revoke are followed by a real {@link ChainWatcher} with the
 * {@link GrantObserver} as its block listener, the Kernel state loader reads revocations on a
 * miss, and a reorg takes back an install. The chain's own verdict is taken by sending the same
 * operation in a bundle.
 */
class GrantObserverIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int TRANSFER = 0xa9059cbb;
  private static final int MINT = 0x40c10f19;
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000);
  private static final Address TOKEN = Address.fromHex("0x7e57000000000000000000000000000000000011");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a011");
  private static final Bytes PERMISSION = Bytes.fromHex("0x5e551011");
  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e2));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e56));
  private static final KernelPermissionContracts CONTRACTS =
      KernelPermissionContracts.zeroDevDeployments();
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  /** CallPolicy (transfer of the token up to the limit), SudoPolicy, the session's ECDSASigner. */
  private static final Bytes PERMISSION_DATA = KernelPermissionData.validatorData(List.of(
          new Module(0, KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(List.of(
              new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO,
                  List.of(Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, LIMIT)))))),
          new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY)),
      new Module(0, KernelChain.ECDSA_SIGNER, address(SESSION).toBytes()));

  private static EntryPoint entryPoint;
  private static KernelChain chain;
  private static KernelOperations operations;

  private final GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10),
      1_000);
  private final TestPool pool = new TestPool();
  private final InMemoryIncludedOperations index = new InMemoryIncludedOperations(1_000);
  private HttpNodeClient loaderNode;
  private SessionKeyPrevalidator prevalidator;
  private ChainWatcher watcher;
  private Address account;
  private long rootSequence;

  @BeforeAll
  static void deployKernel() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    chain.install(TOKEN, "sessionkey/TestToken");
    operations = new KernelOperations(entryPoint, ANVIL.chainId());
  }

  @BeforeEach
  void startFollowingTheChain() {
    loaderNode = new HttpNodeClient(NodeClientConfig.of(ANVIL.chain().url()));
    prevalidator = new SessionKeyPrevalidator(List.of(new KernelPermissionFormat(CONTRACTS)),
        grants, new SignerVerification(new SessionKeyRegistry(100)), PendingOperations.NONE, 30,
        new KernelPermissionStateLoader(new EthApi(loaderNode), grants, CONTRACTS, Ticker.systemTicker(),
            Duration.ofMinutes(1), 1_000));
    GrantObserver observer = new GrantObserver(ANVIL.eth(), prevalidator, grants,
        new KernelAccountChanges(CONTRACTS), ANVIL.chainId(), 64);
    watcher = new ChainWatcher(ANVIL.eth(), List.of(entryPoint),
        new InclusionRecorder(List.of(entryPoint), pool, index), index, pool,
        ChainWatcherConfig.defaults(), HeadListener.NONE, observer);
    account = chain.createAccount(address(OWNER),
        Bytes32.fromUint(BigInteger.valueOf(1_000 + ACCOUNTS.incrementAndGet())),
        BigInteger.TEN.pow(21));
    chain.transact(TOKEN, CallData.call(MINT, CallData.word(account), BigInteger.TEN.pow(9)));
    watcher.poll();
  }

  @AfterEach
  void closeLoaderNode() {
    loaderNode.close();
  }

  @Test
  void shouldRejectAnOutOfScopeOperationOfAPermissionAnotherBundlerEnabledWithNoNodeRequest() {
    enableByAnotherBundler();

    watcher.poll();

    assertThat(grants.find(key())).contains(
        new KernelPermissionDecoder(CONTRACTS).decode(key(), PERMISSION_DATA));
    PackedUserOperation outOfScope = sessionOp(0, LIMIT.add(BigInteger.ONE));
    Verdict verdict = check(outOfScope);
    assertThat(verdict.rejected()).as(verdict.message()).isTrue();
    assertThat(verdict.message()).contains("call 0 to " + TOKEN);
    assertThat(loaderNode.requestCount()).isZero();
    assertThatThrownBy(() -> chain.handleOps(outOfScope)).hasMessageContaining("would fail");
    PackedUserOperation inScope = sessionOp(0, LIMIT);
    assertThat(check(inScope).kind()).isEqualTo(Verdict.Kind.PASS);
    chain.handleOps(inScope);
  }

  @Test
  void shouldCacheAPermissionAnotherBundlersOperationInstalledWithInstallValidations() {
    chain.handleOps(rootOp(KernelAccountCalls.installPermission(PERMISSION,
        chain.currentNonce(account), PERMISSION_DATA)));

    watcher.poll();

    assertThat(grants.find(key())).contains(
        new KernelPermissionDecoder(CONTRACTS).decode(key(), PERMISSION_DATA));
    // Kernel v3.1 has no grantAccess: the permission may not call execute, so the chain refuses
    // every operation of it; the pre-validator refuses those out of scope.
    PackedUserOperation outOfScope = sessionOp(0, LIMIT.add(BigInteger.ONE));
    assertThat(check(outOfScope).rejected()).isTrue();
    assertThat(loaderNode.requestCount()).isZero();
    assertThatThrownBy(() -> chain.handleOps(outOfScope)).hasMessageContaining("would fail");
  }

  @Test
  void shouldJudgeNoOperationFromAGrantUninstalledOnChain() {
    enableByAnotherBundler();
    watcher.poll();
    PackedUserOperation inScope = sessionOp(0, BigInteger.ONE);
    assertThat(check(inScope).kind()).isEqualTo(Verdict.Kind.PASS);

    chain.handleOps(rootOp(KernelAccountCalls.uninstallPermission(PERMISSION, 3)));
    watcher.poll();

    Verdict verdict = check(inScope);
    assertThat(verdict.rejected()).isTrue();
    assertThat(verdict.message()).contains("is not enabled");
    assertThat(loaderNode.requestCount()).isZero();
    assertThatThrownBy(() -> chain.handleOps(inScope)).hasMessageContaining("would fail");
  }

  @Test
  void shouldLoadARevocationByNonceInvalidationInOneBatchOnTheNextMiss() throws Exception {
    enableByAnotherBundler();
    watcher.poll();
    PackedUserOperation inScope = sessionOp(0, BigInteger.ONE);

    chain.handleOps(rootOp(KernelAccountCalls.invalidateNonce(chain.currentNonce(account) + 1)));
    watcher.poll();

    assertThat(grants.find(key())).isEmpty();
    assertThat(check(inScope).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
    awaitDisabled(key());
    assertThat(loaderNode.requestCount()).as("four view calls, sent together").isEqualTo(4);
    Verdict verdict = check(inScope);
    assertThat(verdict.rejected()).isTrue();
    assertThat(verdict.message()).contains("is not enabled");
    assertThat(loaderNode.requestCount()).isEqualTo(4);
    assertThatThrownBy(() -> chain.handleOps(inScope)).hasMessageContaining("would fail");
  }

  @Test
  void shouldLoadThatAPermissionWasNeverInstalled() throws Exception {
    GrantKey never = new GrantKey(ANVIL.chainId(), entryPoint.address(), account, account,
        Bytes.fromHex("0x0000beef"));

    assertThat(check(sessionOp(never.grantId(), 0, BigInteger.ONE)).kind())
        .isEqualTo(Verdict.Kind.UNKNOWN);

    awaitDisabled(never);
  }

  @Test
  void shouldForgetTheGrantsOfAnAccountUpgradedOutsideAnyUserOperation() {
    enableByAnotherBundler();
    watcher.poll();
    assertThat(grants.find(key())).isPresent();

    // Kernel takes upgradeTo from the EntryPoint itself: a call no UserOperation carries, so
    // only the account's Upgraded event tells of it.
    fromEntryPoint(account, Abi.call("upgradeTo(address)", Abi.address(KernelChain.KERNEL)));
    watcher.poll();

    assertThat(grants.find(key())).isEmpty();
    assertThat(grants.isDisabled(key())).isFalse();
  }

  private void fromEntryPoint(Address to, Bytes data) {
    Address sender = entryPoint.address();
    ANVIL.client().request("anvil_impersonateAccount", sender).join();
    try {
      Bytes32 hash = Bytes32.fromHex(ANVIL.client().request("eth_sendTransaction",
          new CallRequest(sender, to, data, BigInteger.valueOf(1_000_000), null)).join().asText());
      assertThat(Receipts.await(ANVIL.eth(), hash).status()).isTrue();
    } finally {
      ANVIL.client().request("anvil_stopImpersonatingAccount", sender).join();
    }
  }

  @Test
  void shouldForgetAnInstallWhoseBlockLeftTheChain() {
    String snapshot = ANVIL.client().request("evm_snapshot").join().asText();
    enableByAnotherBundler();
    watcher.poll();
    assertThat(grants.find(key())).isPresent();

    ANVIL.client().request("evm_revert", snapshot).join();
    watcher.poll();

    assertThat(grants.find(key())).isEmpty();
    assertThat(grants.isDisabled(key())).isFalse();
  }

  /**
   * The session's first operation, in enable mode: it carries a permission letting the session
   * key transfer at most {@link #LIMIT} of the token, approved by the owner, and transfers 1. It
   * is included in a bundle this bundler did not make.
   */
  private void enableByAnotherBundler() {
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, PERMISSION), transfer(BigInteger.ONE));
    Bytes userOpSignature =
        Bytes.concat(Bytes.fromHex("0xff"), operations.sign(op, SESSION, SignatureStyle.EIP191));
    chain.handleOps(op.withSignature(operations.enableSignature(account, PERMISSION,
        PERMISSION_DATA, chain.currentNonce(account), OWNER, userOpSignature)));
  }

  private Verdict check(PackedUserOperation op) {
    return prevalidator.check(op, entryPoint, ANVIL.chainId(), operations.hash(op),
        ANVIL.eth().latestBlock().join().timestamp());
  }

  private GrantKey key() {
    return new GrantKey(ANVIL.chainId(), entryPoint.address(), account, account, PERMISSION);
  }

  private void awaitDisabled(GrantKey key) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!grants.isDisabled(key) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(grants.isDisabled(key)).as("%s loaded as disabled", key).isTrue();
  }

  /** An operation of the owner through the root validator, with gas for installing modules. */
  private PackedUserOperation rootOp(Bytes callData) {
    PackedUserOperation op =
        KernelOperations.unsigned(account, BigInteger.valueOf(rootSequence++), callData)
            .withGas(BigInteger.valueOf(60_000), BigInteger.valueOf(1_000_000),
                BigInteger.valueOf(2_000_000), BigInteger.ZERO, BigInteger.ZERO);
    return op.withSignature(operations.sign(op, OWNER, SignatureStyle.EIP191));
  }

  private PackedUserOperation sessionOp(long sequence, BigInteger amount) {
    return sessionOp(PERMISSION, sequence, amount);
  }

  /** The session key's transfer of {@code amount} of the token, under {@code permission}. */
  private PackedUserOperation sessionOp(Bytes permission, long sequence, BigInteger amount) {
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_DEFAULT, permission)
            .add(BigInteger.valueOf(sequence)),
        transfer(amount));
    return op.withSignature(Bytes.concat(Bytes.fromHex("0xff"),
        operations.sign(op, SESSION, SignatureStyle.EIP191)));
  }

  private static Bytes transfer(BigInteger amount) {
    return CallData.single(TOKEN, BigInteger.ZERO,
        CallData.call(TRANSFER, CallData.word(RECIPIENT), amount));
  }

  private static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }
}
