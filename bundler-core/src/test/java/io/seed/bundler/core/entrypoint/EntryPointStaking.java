package io.seed.bundler.core.entrypoint;

import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * Stakes any address in an EntryPoint on anvil, as the entity itself would: the address is given
 * the stake and some gas money, impersonated, and calls {@code addStake(unstakeDelaySec)} with
 * the stake as value. The call raises the address's nonce, so a counterfactual account cannot be
 * deployed after it; stake deployed entities.
 */
public final class EntryPointStaking {
  private static final BigInteger GAS_MONEY = BigInteger.TEN.pow(18);

  private EntryPointStaking() {}

  /** Stakes {@code stake} wei for {@code entity} in {@code entryPoint} with the given delay. */
  public static void stake(
      AnvilFixture anvil, EntryPoint entryPoint, Address entity, BigInteger stake,
      long unstakeDelaySec) throws InterruptedException {
    String data =
        FunctionEncoder.encode(
            new Function("addStake", List.of(new Uint32(unstakeDelaySec)), List.of()));
    anvil.chain().fund(entity, stake.add(GAS_MONEY));
    anvil.client().request("anvil_impersonateAccount", entity.toHex()).join();
    try {
      String hash =
          anvil.client()
              .request(
                  "eth_sendTransaction",
                  Map.of(
                      "from", entity.toHex(),
                      "to", entryPoint.address().toHex(),
                      "value", "0x" + stake.toString(16),
                      "data", data))
              .join()
              .asText();
      awaitSuccess(anvil, hash);
    } finally {
      anvil.client().request("anvil_stopImpersonatingAccount", entity.toHex()).join();
    }
  }

  private static void awaitSuccess(AnvilFixture anvil, String hash) throws InterruptedException {
    for (int attempt = 0; attempt < 500; attempt++) {
      Optional<TransactionReceipt> receipt =
          anvil.eth()
              .getTransactionReceipt(Bytes32.fromHex(hash))
              .join();
      if (receipt.isPresent()) {
        if (!receipt.get().status()) {
          throw new AssertionError("addStake from the impersonated entity reverted: " + hash);
        }
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("addStake " + hash + " not mined");
  }
}
