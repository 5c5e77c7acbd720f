package io.seed.bundler.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.SimpleAccountOperations.Account;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntryPointClientIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static EntryPointClient client(EntryPointVersion version) {
    return new EntryPointClient(
        ANVIL.eth(), ANVIL.entryPoint(version), new EntryPointSimulationsCode(ANVIL.client()));
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldSimulateValidationOfADeployingOperation(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    PackedUserOperation op = ops.operation(account, 0, Bytes.EMPTY);

    Simulation<ValidationResult> outcome =
        client(version).simulateValidation(op, StateOverrideSet.EMPTY).join();

    assertThat(outcome).isInstanceOf(Simulation.Passed.class);
    ValidationResult result = ((Simulation.Passed<ValidationResult>) outcome).result();
    assertThat(result.returnInfo().accountValidationData()).isEqualTo(ValidationData.UNBOUNDED);
    assertThat(result.returnInfo().preOpGas()).isGreaterThan(op.preVerificationGas());
    assertThat(result.returnInfo().prefund()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldDecodeARevertOfSimulationAsFailedOp(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation notDeployed = ops.operation(ops.newAccount(), 3, Bytes.EMPTY);

    Simulation<ValidationResult> outcome =
        client(version).simulateValidation(notDeployed, StateOverrideSet.EMPTY).join();

    // an undeployed account without initCode fails before its nonce is looked at
    assertThat(outcome)
        .isEqualTo(new Simulation.Reverted<ValidationResult>(
            new EntryPointRevert.FailedOp(BigInteger.ZERO, "AA20 account not deployed")));
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldDeriveTheSimulationsCodeOnAChainPastTheConstructorsBlockLimit(
      EntryPointVersion version) {
    ANVIL.client().request("anvil_mine", BigInteger.valueOf(1100)).join();
    EntryPointSimulationsCode code = new EntryPointSimulationsCode(ANVIL.client());

    Bytes runtime = code.runtimeCode(version).join();

    assertThat(runtime.length()).isGreaterThan(20_000);
    assertThat(code.runtimeCode(version).join()).isSameAs(runtime);
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldReadNonceDepositAndCounterfactualSender(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    Account account = ops.newAccount();
    EntryPointClient client = client(version);

    assertThat(client.getNonce(account.sender(), BigInteger.ZERO).join()).isZero();
    assertThat(client.balanceOf(account.sender()).join()).isZero();
    assertThat(client.getDepositInfo(account.sender()).join().staked()).isFalse();
    assertThat(
            client
                .getSenderAddress(Bytes.concat(account.factory().toBytes(), account.factoryData()))
                .join())
        .isEqualTo(account.sender());
  }
}
