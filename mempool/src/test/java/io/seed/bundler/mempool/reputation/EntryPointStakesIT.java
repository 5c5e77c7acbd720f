package io.seed.bundler.mempool.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.entrypoint.EntryPointStaking;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** debug_bundler_getStakeStatus's answers against real EntryPoints. */
class EntryPointStakesIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  /** What the ERC-4337 spec tests stake: 1 ether locked for 2 seconds. */
  private static final ReputationConfig SPEC_TESTS =
      ReputationConfig.defaults().withStakeRequirement(ETHER, 2);

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldReportTheStakeAndWhetherItMeetsTheMinimums(EntryPointVersion version)
      throws Exception {
    EntryPoint entryPoint = ANVIL.entryPoint(version);
    Address entity = Address.fromHex(String.format("0x%040x", 0x57a4e0 + version.ordinal()));
    EntryPointStaking.stake(ANVIL, entryPoint, entity, ETHER, 2);

    assertThat(stakes(SPEC_TESTS).stakeStatus(entryPoint, entity))
        .isEqualTo(new StakeStatus(entity, ETHER, 2, true));
    assertThat(stakes(ReputationConfig.defaults()).stakeStatus(entryPoint, entity))
        .isEqualTo(new StakeStatus(entity, ETHER, 2, false));
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldReportAnEntityThatNeverStakedAsUnstaked(EntryPointVersion version) {
    Address stranger = Address.fromHex("0x00000000000000000000000000000000005742e7");

    assertThat(stakes(SPEC_TESTS).stakeStatus(ANVIL.entryPoint(version), stranger))
        .isEqualTo(new StakeStatus(stranger, BigInteger.ZERO, 0, false));
  }

  private static EntryPointStakes stakes(ReputationConfig config) {
    return new EntryPointStakes(ANVIL.eth(), new EntryPointSimulationsCode(ANVIL.client()), config);
  }
}
