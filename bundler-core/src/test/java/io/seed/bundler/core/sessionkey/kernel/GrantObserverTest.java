package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.FakeTicker;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantChangeReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantObserver;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionAccountChanges;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionContracts;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * What the {@link GrantObserver} makes of included operations, with the Kernel reader of their
 * call data: installs, uninstalls, revocations, counters moved, reorgs.
 */
class GrantObserverTest {
  static final long CHAIN = 31337;
  static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  static final Address ACCOUNT = filled(0x11);
  private static final Address OTHER_ACCOUNT = filled(0x44);
  private static final Address TOKEN = filled(0x22);
  private static final Address SESSION_KEY = filled(0x33);
  private static final Bytes PERMISSION = Bytes.fromHex("0xcafebabe");
  private static final GrantKey KEY = key(ACCOUNT, PERMISSION);
  private static final int TRANSFER = 0xa9059cbb;
  private static final KernelPermissionContracts CONTRACTS =
      KernelPermissionContracts.zeroDevDeployments();
  private static final Bytes STATELESS = KernelPermissionData.validatorData(
      List.of(new Module(0, KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(List.of(
          new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO, List.of()))))),
      new Module(0, KernelChain.ECDSA_SIGNER, SESSION_KEY.toBytes()));
  private static final Bytes STATEFUL = KernelPermissionData.validatorData(
      List.of(new Module(0, KernelChain.RATE_LIMIT_POLICY,
          KernelPermissionData.rateLimit(60, 5, 0))),
      new Module(0, KernelChain.ECDSA_SIGNER, SESSION_KEY.toBytes()));

  private final FakeTicker ticker = new FakeTicker();
  private final GrantCache grants = new GrantCache(ticker, Duration.ofMinutes(10), 1_000);
  /** Nothing listens on port 1: every call to this node fails. */
  private final HttpNodeClient node =
      new HttpNodeClient(NodeClientConfig.of(URI.create("http://127.0.0.1:1")));
  private final SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
      List.of(new KernelPermissionFormat(CONTRACTS)), grants,
      new SignerVerification(new SessionKeyRegistry(100)), PendingOperations.NONE, 30);
  private final GrantObserver observer = new GrantObserver(new EthApi(node), prevalidator,
      grants, GrantChangeReader.all(List.of(new KernelAccountChanges(CONTRACTS),
          new SmartSessionAccountChanges(SmartSessionContracts.rhinestoneDeployments()))),
      CHAIN, 64);
  private long sequence;

  @AfterEach
  void closeNode() {
    node.close();
  }

  /** The address of twenty {@code value} bytes. */
  private static Address filled(int value) {
    byte[] address = new byte[Address.LENGTH];
    Arrays.fill(address, (byte) value);
    return Address.of(address);
  }

  private static GrantKey key(Address account, Bytes permission) {
    return new GrantKey(CHAIN, V07.address(), account, account, permission);
  }

  private static SessionGrant decode(GrantKey key, Bytes validatorData) {
    return new KernelPermissionDecoder(CONTRACTS).decode(key, validatorData);
  }

  private static Bytes selfCall(Bytes data) {
    return CallData.single(ACCOUNT, BigInteger.ZERO, data);
  }

  /** A root-validated operation of {@link #ACCOUNT} (nonce key 0). */
  private PackedUserOperation rootOp(Bytes callData) {
    return KernelOperations.unsigned(ACCOUNT, BigInteger.valueOf(sequence++), callData);
  }

  private PackedUserOperation sessionOp(Bytes callData) {
    return KernelOperations.unsigned(ACCOUNT,
        KernelOperations.nonce(KernelOperations.MODE_DEFAULT, PERMISSION)
            .add(BigInteger.valueOf(sequence++)),
        callData);
  }

  private static PackedUserOperation enableOp(Bytes validatorData) {
    PackedUserOperation op = KernelOperations.unsigned(ACCOUNT,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, PERMISSION),
        CallData.single(TOKEN, BigInteger.ZERO, Bytes.EMPTY));
    ECKeyPair owner = ECKeyPair.create(BigInteger.valueOf(0x0e1));
    return op.withSignature(new KernelOperations(V07, CHAIN).enableSignature(ACCOUNT, PERMISSION,
        validatorData, 1, owner, Bytes.fromHex("0xff")));
  }

  private static IncludedOperation pooled(PackedUserOperation op, boolean success) {
    Bytes32 hash = Bytes32.fromUint(BigInteger.valueOf(op.hashCode() & 0xffffffffL));
    return new IncludedOperation(hash, V07,
        new PoolEntry(hash, V07, op, 0, 0, Instant.EPOCH, EntityStakes.NONE,
            CodeHashes.NONE, AccessedStorage.NONE), 1, Bytes32.ZERO, Bytes32.ZERO,
        new UserOperationEvent(hash, op.sender(), Address.ZERO, op.nonce(), success,
            BigInteger.ONE, BigInteger.ONE));
  }

  private static IncludedOperation fromAnotherBundler(Address sender) {
    Bytes32 hash = Bytes32.fromUint(BigInteger.valueOf(0x5eed));
    return new IncludedOperation(hash, V07, null, 1, Bytes32.ZERO, Bytes32.fromUint(BigInteger.TWO),
        new UserOperationEvent(hash, sender, Address.ZERO, BigInteger.ZERO, true,
            BigInteger.ONE, BigInteger.ONE));
  }

  private static BlockHeader block(int number) {
    return new BlockHeader(number, Bytes32.fromUint(BigInteger.valueOf(number)),
        Bytes32.fromUint(BigInteger.valueOf(number - 1)), 0, BigInteger.ONE, 30_000_000);
  }

  private void include(int blockNumber, IncludedOperation... operations) {
    observer.indexed(block(blockNumber), List.of(operations));
  }

  @Test
  void shouldCacheAPermissionThatAnIncludedOperationInstalled() {
    include(1, pooled(rootOp(selfCall(KernelAccountCalls.installPermission(PERMISSION, 1,
        STATELESS))), true));

    assertThat(grants.find(KEY)).contains(decode(KEY, STATELESS));
  }

  @Test
  void shouldCacheAPermissionInstalledByTheAccountCallingKernelDirectly() {
    include(1, pooled(rootOp(KernelAccountCalls.installPermission(PERMISSION, 1, STATELESS)),
        true));

    assertThat(grants.find(KEY)).contains(decode(KEY, STATELESS));
  }

  @Test
  void shouldCacheAPermissionInstalledThroughExecuteUserOp() {
    Bytes wrapped = Bytes.concat(Bytes.fromHex("0x8dd7712f"),
        selfCall(KernelAccountCalls.installPermission(PERMISSION, 1, STATELESS)));

    include(1, pooled(rootOp(wrapped), true));

    assertThat(grants.find(KEY)).contains(decode(KEY, STATELESS));
  }

  @Test
  void shouldIgnoreTheCallDataOfAnOperationWhoseExecutionReverted() {
    include(1, pooled(rootOp(selfCall(KernelAccountCalls.installPermission(PERMISSION, 1,
        STATELESS))), false));

    assertThat(grants.find(KEY)).isEmpty();
  }

  @Test
  void shouldForgetWhatWasKnownOfAGrantAnIncludedOperationUsedWithEnableDataNotModelled() {
    grants.putDisabled(KEY);

    include(1, pooled(sessionOp(CallData.single(TOKEN, BigInteger.ZERO, Bytes.EMPTY)), true));

    assertThat(grants.isDisabled(KEY)).isFalse();
  }

  @Test
  void shouldCacheThePermissionAnIncludedEnableModeOperationInstalled() {
    include(1, pooled(enableOp(STATELESS), false));

    assertThat(grants.find(KEY)).contains(decode(KEY, STATELESS));
  }

  @Test
  void shouldNotCacheAnEnabledPermissionWhoseCounterTheEnablingOperationUsed() {
    grants.put(decode(KEY, STATEFUL));

    include(1, pooled(enableOp(STATEFUL), true));

    assertThat(grants.find(KEY)).isEmpty();
  }

  @Test
  void shouldDisableAPermissionThatAnIncludedOperationUninstalled() {
    grants.put(decode(KEY, STATELESS));

    include(1, pooled(rootOp(selfCall(KernelAccountCalls.uninstallPermission(PERMISSION, 2))),
        true));

    assertThat(grants.find(KEY)).isEmpty();
    assertThat(grants.isDisabled(KEY)).isTrue();
  }

  @Test
  void shouldForgetTheAccountsGrantsOnAnyOtherReconfiguration() {
    List<Bytes> reconfigurations = List.of(
        KernelAccountCalls.invalidateNonce(5),
        selfCall(KernelAccountCalls.invalidateNonce(5)),
        selfCall(Abi.call("upgradeTo(address)", Abi.address(TOKEN))),
        selfCall(Abi.call("installModule(uint256,address,bytes)", Abi.uint(1),
            Abi.address(TOKEN), Abi.bytes(Bytes.EMPTY))),
        selfCall(Abi.call("uninstallModule(uint256,address,bytes)", Abi.uint(5),
            Abi.address(KernelChain.CALL_POLICY), Abi.bytes(Bytes.EMPTY))),
        CallData.delegate(TOKEN, Bytes.fromHex("0x12345678")),
        Abi.call("upgradeTo(address)", Abi.address(TOKEN)));
    GrantKey other = key(OTHER_ACCOUNT, PERMISSION);
    for (Bytes callData : reconfigurations) {
      grants.put(decode(KEY, STATELESS));
      grants.put(decode(other, STATELESS));

      include(1, pooled(rootOp(callData), true));

      assertThat(grants.find(KEY)).as("after %s", callData).isEmpty();
      assertThat(grants.isDisabled(KEY)).isFalse();
      assertThat(grants.find(other)).as("after %s", callData).isPresent();
    }
  }

  @Test
  void shouldKeepGrantsWhenTheAccountOnlyCallsOtherContracts() {
    grants.put(decode(KEY, STATELESS));
    Bytes batch = CallData.batch(
        new Call(CallType.CALL, TOKEN, BigInteger.ZERO, Bytes.fromHex("0xa9059cbb")),
        new Call(CallType.CALL, OTHER_ACCOUNT, BigInteger.ONE, Bytes.EMPTY));

    include(1, pooled(rootOp(batch), true), pooled(sessionOp(batch), true));

    assertThat(grants.find(KEY)).isPresent();
  }

  @Test
  void shouldForgetAGrantWithCountersOnceAnOperationOfItIsIncluded() {
    grants.put(decode(KEY, STATEFUL));

    include(1, pooled(sessionOp(CallData.single(TOKEN, BigInteger.ZERO, Bytes.EMPTY)), true));

    assertThat(grants.find(KEY)).isEmpty();
  }

  @Test
  void shouldForgetTheGrantsOfAnAccountWhoseIncludedOperationCannotBeRead() {
    grants.put(decode(KEY, STATELESS));
    grants.put(decode(key(OTHER_ACCOUNT, PERMISSION), STATELESS));

    include(1, fromAnotherBundler(ACCOUNT));

    // the block's account events and the bundle transaction, both refused by the absent node
    assertThat(node.requestCount()).isEqualTo(2);
    assertThat(grants.find(KEY)).isEmpty();
    assertThat(grants.find(key(OTHER_ACCOUNT, PERMISSION))).isPresent();
  }

  @Test
  void shouldForgetWhatABlockInstalledAndRevokedWhenItLeavesTheChain() {
    GrantKey revoked = key(ACCOUNT, Bytes.fromHex("0x0badf00d"));
    grants.put(decode(revoked, STATELESS));
    include(7,
        pooled(rootOp(KernelAccountCalls.installPermission(PERMISSION, 1, STATELESS)), true),
        pooled(rootOp(KernelAccountCalls.uninstallPermission(revoked.grantId(), 2)), true));
    include(8);

    observer.abandoned(block(8), List.of());
    assertThat(grants.find(KEY)).isPresent();
    observer.abandoned(block(7), List.of());

    assertThat(grants.find(KEY)).isEmpty();
    assertThat(grants.isDisabled(revoked)).isFalse();
  }

  @Test
  void shouldLetAnObservedGrantAgeOutWithTheCachesTimeToLive() {
    include(1, pooled(rootOp(KernelAccountCalls.installPermission(PERMISSION, 1, STATELESS)),
        true));

    ticker.advance(Duration.ofMinutes(10));

    assertThat(grants.find(KEY)).isEmpty();
  }

  @Test
  void shouldDisableASmartSessionThatTheAccountRemovedThroughTheModule() {
    Address module = Address.fromHex("0x00000000008bDABA73cD9815d79069c247Eb4bDA");
    Bytes permission = Bytes.concat(Bytes.wrap(new byte[31]), Bytes.fromHex("0x07"));
    GrantKey session = new GrantKey(CHAIN, V07.address(), ACCOUNT, module, permission);

    include(1, pooled(rootOp(CallData.single(module, BigInteger.ZERO,
        Bytes.concat(Bytes.fromHex("0xf867b08e"), permission))), true));

    assertThat(grants.isDisabled(session)).isTrue();
  }
}
