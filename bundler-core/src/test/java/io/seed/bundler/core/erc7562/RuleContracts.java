package io.seed.bundler.core.erc7562;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.entrypoint.EntryPointStaking;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.Receipts;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The ERC-7562 rule contracts (e2e/contracts/erc7562) on an anvil chain with EntryPoint v0.7: the
 * helpers at the fixed addresses RuleAddresses.sol names, an unstaked and a staked instance of the
 * account, the factory and the paymaster, every one funded, the paymasters with a deposit and the
 * staked ones with 1 ETH staked for 2 seconds. Builds operations that use them.
 */
final class RuleContracts {
  /** The stake of the staked entities; the safe-mode minimum in the tests. */
  static final BigInteger STAKE = BigInteger.TEN.pow(18);
  /** The unstake delay of the staked entities, in seconds. */
  static final long UNSTAKE_DELAY_SECONDS = 2;

  static final Address TOKEN = fixed(0x01);
  static final Address SINK = fixed(0x02);
  static final Address UNASSIGNED_OPCODE = fixed(0x03);
  static final Address TARGET = fixed(0x04);
  /** The account whose storage the PEER_* behaviours read; it sends operations of its own. */
  static final Address PEER = fixed(0xa2);
  static final Address NO_CODE = fixed(0xff);

  private static final BigInteger FUNDS = BigInteger.TEN.pow(19);
  private static final BigInteger SALT = BigInteger.ONE;
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final Map<Address, String> HELPERS = Map.of(
      TOKEN, "RuleToken", SINK, "RuleSink", UNASSIGNED_OPCODE, "RuleUnassignedOpcode",
      TARGET, "RuleTarget", PEER, "RulesAccount");

  /** Whether an entity instance is staked. */
  enum Staking { UNSTAKED, STAKED }

  /** One kind of entity, an unstaked and a staked instance of it. */
  private record Instances(Address unstaked, Address staked) {
    Address of(Staking staking) {
      return staking == Staking.STAKED ? staked : unstaked;
    }
  }

  private static final Instances ACCOUNTS = new Instances(fixed(0xa0), fixed(0xa1));
  private static final Instances FACTORIES = new Instances(fixed(0xf0), fixed(0xf1));
  private static final Instances PAYMASTERS = new Instances(fixed(0x90), fixed(0x91));

  private final AnvilFixture anvil;
  private final EntryPoint entryPoint;
  private final Path artifacts;
  /** The accounts the two factories deploy (the same for every behaviour). */
  private final Instances deployedBy;

  private RuleContracts(AnvilFixture anvil, Path artifacts) {
    this.anvil = anvil;
    this.entryPoint = anvil.entryPoint(EntryPointVersion.V0_7);
    this.artifacts = artifacts;
    HELPERS.forEach(this::install);
    for (Staking staking : Staking.values()) {
      install(ACCOUNTS.of(staking), "RulesAccount");
      install(FACTORIES.of(staking), "RulesFactory");
      install(PAYMASTERS.of(staking), "RulesPaymaster");
    }
    this.deployedBy =
        new Instances(counterfactual(FACTORIES.unstaked), counterfactual(FACTORIES.staked));
  }

  /** Compiles the contracts (compile.mjs skips work already done) and sets them up on anvil. */
  static RuleContracts deploy(AnvilFixture anvil) throws InterruptedException {
    RuleContracts contracts = new RuleContracts(anvil, compile(AnvilFixture.e2eDir()));
    contracts.fundAndStake();
    return contracts;
  }

  EntryPoint entryPoint() {
    return entryPoint;
  }

  /** An operation of a deployed account that runs {@code account}, without a paymaster. */
  PackedUserOperation accountOperation(Staking staking, Behaviour account) {
    return operation(ACCOUNTS.of(staking), null, Behaviour.NONE, account, null, Behaviour.NONE);
  }

  /** An operation of the peer account that does nothing but pay for itself. */
  PackedUserOperation peerOperation() {
    return operation(PEER, null, Behaviour.NONE, Behaviour.NONE, null, Behaviour.NONE);
  }

  /** An operation of the unstaked deployed account, its paymaster running {@code paymaster}. */
  PackedUserOperation paymasterOperation(Staking staking, Behaviour paymaster) {
    return operation(
        ACCOUNTS.unstaked, null, Behaviour.NONE, Behaviour.NONE, PAYMASTERS.of(staking), paymaster);
  }

  /** An operation deploying its account with the factory of {@code staking}. */
  PackedUserOperation deployingOperation(Staking staking, Behaviour factory, Behaviour account) {
    return operation(
        deployedBy.of(staking), FACTORIES.of(staking), factory, account, null, Behaviour.NONE);
  }

  /** A deploying operation, its paymaster running {@code paymaster}. */
  PackedUserOperation deployingPaymasterOperation(
      Staking factoryStaking, Staking paymasterStaking, Behaviour paymaster) {
    return operation(deployedBy.of(factoryStaking), FACTORIES.of(factoryStaking), Behaviour.NONE,
        Behaviour.NONE, PAYMASTERS.of(paymasterStaking), paymaster);
  }

  /**
   * An operation in which {@code entity} (of {@code staking}) runs {@code behaviour}: the account
   * deployed already, the factory deploying it, or the paymaster sponsoring the unstaked account.
   */
  PackedUserOperation operation(Entity entity, Staking staking, Behaviour behaviour) {
    return switch (entity) {
      case ACCOUNT -> accountOperation(staking, behaviour);
      case FACTORY -> deployingOperation(staking, behaviour, Behaviour.NONE);
      case PAYMASTER -> paymasterOperation(staking, behaviour);
    };
  }

  /** The address of the {@code staking} instance of {@code entity} in {@link #operation}. */
  static Address address(Entity entity, Staking staking) {
    return switch (entity) {
      case ACCOUNT -> ACCOUNTS.of(staking);
      case FACTORY -> FACTORIES.of(staking);
      case PAYMASTER -> PAYMASTERS.of(staking);
    };
  }

  /** Puts the runtime code {@code artifact}'s creation code returns at {@code address}. */
  private void install(Address address, String artifact) {
    Bytes runtime = Bytes.fromHex(anvil.client().request("eth_call",
        new CallRequest(null, null, creationCode(artifact), null, null), BlockTag.LATEST)
        .join().asText());
    if (runtime.isEmpty()) {
      throw new IllegalStateException(artifact + " returned no runtime code");
    }
    anvil.client().request("anvil_setCode", address, runtime).join();
  }

  private PackedUserOperation operation(
      Address sender, Address factory, Behaviour factoryBehaviour, Behaviour account,
      Address paymaster, Behaviour paymasterBehaviour) {
    Bytes factoryData = factory == null ? Bytes.EMPTY : encode("createAccount", new Uint256(SALT),
        new DynamicBytes(factoryBehaviour.encode().toArray()));
    return new PackedUserOperation(
        sender, BigInteger.ZERO, factory, factoryData, Bytes.EMPTY, BigInteger.valueOf(50_000),
        BigInteger.valueOf(3_000_000), BigInteger.valueOf(100_000), GWEI.multiply(BigInteger.TEN),
        GWEI, paymaster,
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(500_000),
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(50_000),
        paymaster == null ? Bytes.EMPTY : paymasterBehaviour.encode(),
        account.encode(), null);
  }

  private void fundAndStake() throws InterruptedException {
    for (Address funded : List.of(TARGET, PEER, ACCOUNTS.unstaked, ACCOUNTS.staked,
        FACTORIES.unstaked, FACTORIES.staked, PAYMASTERS.unstaked, PAYMASTERS.staked,
        deployedBy.unstaked, deployedBy.staked)) {
      anvil.chain().fund(funded, FUNDS);
    }
    for (Staking staking : Staking.values()) {
      transact(entryPoint.address(), encode("depositTo",
          new org.web3j.abi.datatypes.Address(PAYMASTERS.of(staking).toHex())), FUNDS);
    }
    for (Address staked : List.of(ACCOUNTS.staked, FACTORIES.staked, PAYMASTERS.staked)) {
      EntryPointStaking.stake(anvil, entryPoint, staked, STAKE, UNSTAKE_DELAY_SECONDS);
    }
  }

  private Address counterfactual(Address factory) {
    CallRequest getAddress = CallRequest.to(factory, encode("getAddress", new Uint256(SALT)));
    Bytes word = anvil.eth().ethCall(getAddress, BlockTag.LATEST, StateOverrideSet.EMPTY).join();
    return Address.fromWord(word.toArray(), 0);
  }

  private void transact(Address to, Bytes data, BigInteger value) {
    String hash = anvil.client().request("eth_sendTransaction", Map.of(
        "from", AnvilAccounts.address(0).toHex(), "to", to.toHex(), "data", data.toHex(),
        "value", "0x" + value.toString(16))).join().asText();
    if (!Receipts.await(anvil.eth(), Bytes32.fromHex(hash)).status()) {
      throw new IllegalStateException("transaction " + hash + " to " + to + " failed");
    }
  }

  private Bytes creationCode(String contract) {
    Path file = artifacts.resolve(contract + ".json");
    try {
      return Bytes.fromHex(new ObjectMapper().readTree(file.toFile()).get("bytecode").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Bytes encode(String function, Type<?>... arguments) {
    return Bytes.fromHex(
        FunctionEncoder.encode(new Function(function, List.of(arguments), List.of())));
  }

  private static Address fixed(int low) {
    return Address.fromHex(String.format("0x7562%036x", low));
  }

  /** Runs compile.mjs and returns the directory of the erc7562 artifacts. */
  private static Path compile(Path e2eDir) throws InterruptedException {
    Path script = e2eDir.resolve("contracts/compile.mjs");
    try {
      Process process =
          new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    }
    return e2eDir.resolve("contracts/target/erc7562");
  }
}
