package io.seed.bundler.core.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.SimpleAccountOperations.Account;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.Precheck;
import io.seed.bundler.core.validation.PrecheckConfig;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.core.validation.ValidationConfig;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.math.BigInteger;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GasEstimatorIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  /** A SimpleAccount dummy signature as SDKs send it: right length, recovers to no owner. */
  private static final Bytes DUMMY_SIGNATURE =
      Bytes.fromHex("0x" + "f".repeat(31) + "0".repeat(33) + "7" + "a".repeat(63) + "1c");
  private static final BigInteger MAX_FEE = BigInteger.valueOf(20_000_000_000L);
  private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);
  private static final PreVerificationGasCalculator CALCULATOR =
      new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET);

  private final EntryPointSimulationsCode simulationsCode =
      new EntryPointSimulationsCode(ANVIL.client());
  private final GasEstimator estimator =
      new GasEstimator(
          ANVIL.eth(), simulationsCode, CALCULATOR, new UserOperationHasher(), ANVIL.chainId(),
          GasEstimatorConfig.DEFAULTS);
  private final ValidationPipeline pipeline =
      new ValidationPipeline(
          ANVIL.eth(), simulationsCode, new Precheck(PrecheckConfig.DEFAULTS, CALCULATOR),
          new UserOperationHasher(), ANVIL.chainId(), ValidationConfig.DEFAULTS, Clock.systemUTC());

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldEstimateADeployingOperationThatIsIncludedAndPaysItsWay(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    PackedUserOperation draft = depositDraft(ops, account, 0);

    assertIncludedAndSucceeds(ops, account, draft, estimate(ops, draft), 1);
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldEstimateAnOperationOfADeployedAccountThatIsIncludedAndPaysItsWay(
      EntryPointVersion version) throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    new DevAccountBundler(ANVIL, 8)
        .include(ops.entryPoint(), ops.operation(account, 0, Bytes.EMPTY));
    PackedUserOperation draft = depositDraft(ops, account, 1);

    GasEstimate estimate = estimate(ops, draft);

    assertThat(estimate.verificationGasLimit()).isLessThan(BigInteger.valueOf(150_000));
    assertIncludedAndSucceeds(ops, account, draft, estimate, 2);
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRefuseAnOperationWhoseExecutionRevertsWithTheReason(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    PackedUserOperation draft = draft(ops.operation(account, 0, ops.failingCall(account)));

    assertThatThrownBy(() -> estimator.estimate(draft, ops.entryPoint(), StateOverrideSet.EMPTY))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(RejectionReason.EXECUTION_REVERTED);
              assertThat(rejected.getMessage()).contains("Withdraw amount too large");
            });
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldEstimateAnUnfundedAccountWithoutFees(EntryPointVersion version)
      throws UserOperationRejectedException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    ANVIL.chain().fund(account.sender(), BigInteger.ZERO);
    PackedUserOperation draft =
        depositDraft(ops, account, 0).withFees(BigInteger.ZERO, BigInteger.ZERO);

    GasEstimate estimate = estimate(ops, draft);

    assertThat(estimate.verificationGasLimit()).isPositive();
    assertThat(estimate.callGasLimit()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldLetTheUsersStateOverrideWinOverTheSendersFunding(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    PackedUserOperation draft = depositDraft(ops, account, 0);
    StateOverrideSet emptyPurse =
        StateOverrideSet.of(account.sender(), AccountOverride.balance(BigInteger.ZERO));

    assertThatThrownBy(() -> estimator.estimate(draft, ops.entryPoint(), emptyPurse))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            rejected -> assertThat(rejected.getMessage()).contains("AA21"));
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRefuseWhatValidationRejectsEvenWithAmpleGas(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation notDeployed = draft(ops.operation(ops.newAccount(), 4, Bytes.EMPTY));

    assertThatThrownBy(() -> estimator.estimate(notDeployed, ops.entryPoint(), StateOverrideSet.EMPTY))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            rejected -> {
              assertThat(rejected.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
              assertThat(rejected.getMessage()).isEqualTo("AA20 account not deployed");
            });
  }

  private GasEstimate estimate(SimpleAccountOperations ops, PackedUserOperation draft)
      throws UserOperationRejectedException {
    return estimator.estimate(draft, ops.entryPoint(), StateOverrideSet.EMPTY);
  }

  private static PackedUserOperation depositDraft(
      SimpleAccountOperations ops, Account account, long nonce) {
    return draft(ops.operation(account, nonce, ops.depositCall(account)));
  }

  /** What an SDK sends for estimation: no gas values, the operation's fees, a dummy signature. */
  private static PackedUserOperation draft(PackedUserOperation op) {
    return op.withGas(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO)
        .withFees(MAX_FEE, TIP)
        .withSignature(DUMMY_SIGNATURE);
  }

  private void assertIncludedAndSucceeds(
      SimpleAccountOperations ops, Account account, PackedUserOperation draft, GasEstimate estimate,
      long expectedNonce) throws Exception {
    PackedUserOperation op =
        ops.sign(
            draft.withGas(
                estimate.preVerificationGas(), estimate.verificationGasLimit(),
                estimate.callGasLimit(), estimate.paymasterVerificationGasLimit(),
                estimate.paymasterPostOpGasLimit()),
            account.owner());
    pipeline.validate(op, ops.entryPoint());

    DevAccountBundler.Inclusion inclusion = new DevAccountBundler(ANVIL, 9).include(ops.entryPoint(), op);

    assertThat(inclusion.receipt().status()).isTrue();
    assertThat(inclusion.event()).isNotNull();
    assertThat(inclusion.event().userOpHash()).isEqualTo(ops.hash(op));
    assertThat(inclusion.event().success()).isTrue();
    assertThat(inclusion.bundlerProfit()).isNotNegative();
    EntryPointClient entryPoint = new EntryPointClient(ANVIL.eth(), ops.entryPoint(), simulationsCode);
    assertThat(entryPoint.getNonce(account.sender(), BigInteger.ZERO).join()).isEqualTo(expectedNonce);
  }
}
