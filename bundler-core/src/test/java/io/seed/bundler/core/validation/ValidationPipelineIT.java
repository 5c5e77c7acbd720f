package io.seed.bundler.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.SimpleAccountOperations.Account;
import io.seed.bundler.core.entrypoint.EntryPointStaking;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.node.NodeUnavailableException;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.ValidationPipelines;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.ECKeyPair;

class ValidationPipelineIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final long NOW = 2_000_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final AtomicLong SEEDS = new AtomicLong();

  private static ValidationPipeline pipeline(EthApi eth) {
    return ValidationPipelines.plain(ANVIL, eth, CLOCK);
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldAcceptAValidDeployingOperation(EntryPointVersion version)
      throws UserOperationRejectedException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.operation(ops.newAccount(), 0, Bytes.EMPTY);

    PoolEntry entry = pipeline(ANVIL.eth()).validate(op, ops.entryPoint());

    assertThat(entry.userOpHash()).isEqualTo(ops.hash(op));
    assertThat(entry.operation()).isEqualTo(op);
    assertThat(entry.entryPoint()).isEqualTo(ops.entryPoint());
    assertThat(entry.validAfter()).isZero();
    assertThat(entry.validUntil()).isZero();
    assertThat(entry.receivedAt()).isEqualTo(CLOCK.instant());
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldCarryTheStakesTheEntryPointReportsIntoThePoolEntry(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    StakeInfo factoryStake = new StakeInfo(SimpleAccountOperations.ETHER, BigInteger.TWO);
    EntryPointStaking.stake(
        ANVIL, ops.entryPoint(), account.factory(), factoryStake.stake(), 2);

    PoolEntry entry =
        pipeline(ANVIL.eth()).validate(ops.operation(account, 0, Bytes.EMPTY), ops.entryPoint());

    assertThat(entry.stakes())
        .isEqualTo(new EntityStakes(StakeInfo.NONE, factoryStake, StakeInfo.NONE));
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectASignatureByAnotherKeyAsInvalidSignature(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op =
        ops.sign(
            ops.operation(ops.newAccount(), 0, Bytes.EMPTY), ECKeyPair.create(BigInteger.TEN));

    assertRejected(op, ops.entryPoint(), RejectionReason.INVALID_SIGNATURE,
        "Invalid UserOperation signature or paymaster signature");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAWrongNonceWithAA25(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    PackedUserOperation deployingWithNonce5 =
        ops.sign(
            new PackedUserOperation(
                account.sender(), BigInteger.valueOf(5), account.factory(), account.factoryData(),
                Bytes.EMPTY, BigInteger.valueOf(100_000), BigInteger.valueOf(600_000),
                BigInteger.valueOf(80_000), BigInteger.valueOf(20_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), null, BigInteger.ZERO, BigInteger.ZERO,
                Bytes.EMPTY, Bytes.wrap(new byte[65]), null),
            account.owner());

    assertRejected(deployingWithNonce5, ops.entryPoint(),
        RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA25 invalid account nonce");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAnUnfundedAccountWithAA21(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    ANVIL.chain().fund(account.sender(), BigInteger.ZERO);

    assertRejected(ops.operation(account, 0, Bytes.EMPTY), ops.entryPoint(),
        RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA21 didn't pay prefund");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAnExpiredOperation(EntryPointVersion version) {
    assertRejected(windowed(version, new ValidationData(Address.ZERO, 0, NOW - 100)),
        ANVIL.entryPoint(version), RejectionReason.EXPIRES_SHORTLY, "expired");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAnOperationExpiringWithinTheMargin(EntryPointVersion version) {
    assertRejected(windowed(version, new ValidationData(Address.ZERO, 0, NOW + 10)),
        ANVIL.entryPoint(version), RejectionReason.EXPIRES_SHORTLY, "expires too soon");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAnOperationNotValidYet(EntryPointVersion version) {
    assertRejected(windowed(version, new ValidationData(Address.ZERO, NOW + 100, 0)),
        ANVIL.entryPoint(version), RejectionReason.EXPIRES_SHORTLY, "not valid yet");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectAnAggregator(EntryPointVersion version) {
    Address aggregator = Address.fromHex("0x00000000000000000000000000000000000a66e6");
    assertRejected(windowed(version, new ValidationData(aggregator, 0, 0)),
        ANVIL.entryPoint(version), RejectionReason.UNSUPPORTED_AGGREGATOR, aggregator.toHex());
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldKeepTheAccountsWindowInThePoolEntry(EntryPointVersion version)
      throws UserOperationRejectedException {
    PackedUserOperation op = windowed(version, new ValidationData(Address.ZERO, NOW - 50, NOW + 3600));

    PoolEntry entry = pipeline(ANVIL.eth()).validate(op, ANVIL.entryPoint(version));

    assertThat(entry.validAfter()).isEqualTo(NOW - 50);
    assertThat(entry.validUntil()).isEqualTo(NOW + 3600);
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectInitCodeForADeployedSenderWithAA10(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account other = ops.newAccount();
    PackedUserOperation deployed = windowed(version, ValidationData.UNBOUNDED);
    PackedUserOperation withFactory =
        new PackedUserOperation(
            deployed.sender(), deployed.nonce(), other.factory(), other.factoryData(),
            deployed.callData(), deployed.callGasLimit(), deployed.verificationGasLimit(),
            deployed.preVerificationGas(), deployed.maxFeePerGas(), deployed.maxPriorityFeePerGas(),
            null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, deployed.signature(), null);

    assertRejected(withFactory, ANVIL.entryPoint(version),
        RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA10 sender already constructed");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectTooLittlePreVerificationGasBeforeSimulating(EntryPointVersion version) {
    PackedUserOperation op = windowed(version, ValidationData.UNBOUNDED);
    PackedUserOperation cheap =
        op.withGas(BigInteger.valueOf(21_000), op.verificationGasLimit(), op.callGasLimit(),
            BigInteger.ZERO, BigInteger.ZERO);

    assertRejected(cheap, ANVIL.entryPoint(version), RejectionReason.INVALID_FIELDS,
        "preVerificationGas 21000 is below");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldSurfaceAnUnreachableNodeAsNodeUnavailable(EntryPointVersion version) {
    try (NodeClient unreachable =
        new HttpNodeClient(NodeClientConfig.of(URI.create("http://127.0.0.1:1")))) {
      ValidationPipeline pipeline = pipeline(new EthApi(unreachable));
      PackedUserOperation op = windowed(version, ValidationData.UNBOUNDED);

      assertThatThrownBy(() -> pipeline.validate(op, ANVIL.entryPoint(version)))
          .isInstanceOf(NodeUnavailableException.class);
    }
  }

  /** An operation of a freshly deployed {@link WindowedAccount} returning {@code data}. */
  private static PackedUserOperation windowed(EntryPointVersion version, ValidationData data) {
    Address sender = WindowedAccount.deploy(ANVIL, data, SEEDS.incrementAndGet() * 10 + version.ordinal());
    return new PackedUserOperation(
        sender, BigInteger.ZERO, null, Bytes.EMPTY, Bytes.EMPTY, BigInteger.valueOf(50_000),
        BigInteger.valueOf(100_000), BigInteger.valueOf(80_000),
        BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.wrap(new byte[65]), null);
  }

  private static void assertRejected(
      PackedUserOperation op, EntryPoint entryPoint, RejectionReason reason, String message) {
    assertThatThrownBy(() -> pipeline(ANVIL.eth()).validate(op, entryPoint))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(reason);
              assertThat(rejected.getMessage()).contains(message);
            });
  }
}
