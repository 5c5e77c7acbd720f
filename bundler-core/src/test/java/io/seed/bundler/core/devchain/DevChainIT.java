package io.seed.bundler.core.devchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.node.NodeUnavailableException;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;

class DevChainIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  @Test
  void shouldDeployTheEntryPointsAndFactoriesAtTheirCanonicalAddresses() {
    EthApi eth = ANVIL.eth();

    for (EntryPointVersion version : List.of(EntryPointVersion.V0_7, EntryPointVersion.V0_8)) {
      assertThat(ANVIL.entryPoint(version)).isEqualTo(EntryPoint.canonical(version));
      assertThat(eth.getCode(version.canonicalAddress(), BlockTag.LATEST).join().isEmpty()).isFalse();
      assertThat(eth.getCode(ANVIL.chain().simpleAccountFactory(version), BlockTag.LATEST).join().isEmpty())
          .isFalse();
    }
    assertThat(ANVIL.chain().simpleAccountFactory(EntryPointVersion.V0_7))
        .isEqualTo(Address.fromHex("0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985"));
    assertThat(ANVIL.chain().simpleAccountFactory(EntryPointVersion.V0_8))
        .isEqualTo(Address.fromHex("0x13E9ed32155810FDbd067D4522C492D6f68E5944"));
    assertThat(ANVIL.chainId()).isEqualTo(31337L);
    assertThat(eth.chainId().join()).isEqualTo(31337L);
  }

  @Test
  void shouldDeployEntryPointV06AtItsCanonicalAddressOnce() {
    EthApi eth = ANVIL.eth();

    EntryPoint first = ANVIL.chain().deployEntryPointV06();
    long nonceAfterFirst = eth.getTransactionCount(AnvilAccounts.address(0), BlockTag.LATEST).join();
    EntryPoint second = ANVIL.chain().deployEntryPointV06();

    assertThat(first).isEqualTo(EntryPoint.canonical(EntryPointVersion.V0_6));
    assertThat(second).isEqualTo(first);
    assertThat(eth.getCode(first.address(), BlockTag.LATEST).join().isEmpty()).isFalse();
    assertThat(eth.getTransactionCount(AnvilAccounts.address(0), BlockTag.LATEST).join())
        .isEqualTo(nonceAfterFirst);
  }

  @Test
  void shouldSetTheBalanceOfAnAccount() {
    Address account = Address.fromHex("0x00000000000000000000000000000000000f00d5");
    BigInteger wei = new BigInteger("123456789000000000000");

    ANVIL.chain().fund(account, wei);

    assertThat(ANVIL.eth().getBalance(account, BlockTag.LATEST).join()).isEqualTo(wei);
  }

  @Test
  void shouldHoldTheKeysOfTheAccountsAnvilUnlocks() {
    List<Address> unlocked = new ArrayList<>();
    ANVIL.client().request("eth_accounts").join().forEach(node -> unlocked.add(Address.fromHex(node.asText())));

    for (int i = 0; i < AnvilAccounts.COUNT; i++) {
      Credentials credentials = Credentials.create(AnvilAccounts.privateKey(i).toHex());
      assertThat(Address.fromHex(credentials.getAddress())).isEqualTo(AnvilAccounts.address(i));
      assertThat(unlocked.get(i)).isEqualTo(AnvilAccounts.address(i));
    }
  }

  @Test
  void shouldDeployOnAChainThatMinesAtIntervalsAndStopAnvilOnClose() {
    DevChain chain = DevChain.start(new DevChainConfig(
        AnvilFixture.e2eDir(), 0, Duration.ofMillis(500), DevChainConfig.DEFAULT_START_TIMEOUT));
    try (HttpNodeClient client = new HttpNodeClient(NodeClientConfig.of(chain.url()))) {
      EthApi eth = new EthApi(client);
      assertThat(eth.getCode(EntryPointVersion.V0_8.canonicalAddress(), BlockTag.LATEST).join().isEmpty())
          .isFalse();

      chain.close();

      assertThatThrownBy(() -> eth.blockNumber().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(NodeUnavailableException.class);
    } finally {
      chain.close();
    }
  }

  @Test
  void shouldSayWhereAnvilWasExpectedWhenItIsMissing() {
    Path nowhere = Path.of("/nonexistent-e2e");

    assertThatThrownBy(() -> DevChain.start(DevChainConfig.autoMining(nowhere)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("anvil not found at /nonexistent-e2e/node_modules");
  }
}
