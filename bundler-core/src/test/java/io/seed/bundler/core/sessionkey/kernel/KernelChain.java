package io.seed.bundler.core.sessionkey.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeException;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.Receipts;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * ZeroDev Kernel v3.1 on an anvil chain: the Kernel implementation and factory from
 * {@code @rhinestone/modulekit}, our own ECDSA root validator, ECDSASigner, CallPolicy,
 * TimestampPolicy, SudoPolicy, GasPolicy and RateLimitPolicy (e2e/contracts/sessionkey), all at the
 * addresses the ZeroDev SDK uses, and accounts created through the factory.
 */
public final class KernelChain {
  public static final Address KERNEL = Address.fromHex("0xBAC849bB641841b44E965fB01A4Bf5F074f84b4D");
  public static final Address FACTORY = Address.fromHex("0xaac5D4240AF87249B3f71BC8E4A2cae074A3E419");
  public static final Address ECDSA_VALIDATOR =
      Address.fromHex("0x845ADb2C711129d4f3966735eD98a9F09fC4cE57");
  public static final Address ECDSA_SIGNER = Address.fromHex("0x6A6F069E2a08c2468e7724Ab3250CdBFBA14D4FF");
  public static final Address CALL_POLICY = Address.fromHex("0x85770b902D1e503D5f5141d9eaC16d0d08eEaDd2");
  public static final Address TIMESTAMP_POLICY =
      Address.fromHex("0xB9f8f524bE6EcD8C945b1b87f9ae5C192FdCE20F");
  public static final Address SUDO_POLICY = Address.fromHex("0x67b436caD8a6D025DF6C82C5BB43fbF11fC5B9B7");
  public static final Address GAS_POLICY = Address.fromHex("0xaeFC5AbC67FfD258abD0A3E54f65E70326F84b23");
  public static final Address RATE_LIMIT_POLICY =
      Address.fromHex("0xf63d4139B25c836334edD76641356c6b74C86873");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address DEPLOYER = AnvilAccounts.address(0);
  /*
   * Kernel's runtime code (28,581 bytes) is over the EIP-170 limit, so no plain deployment or
   * eth_call of its creation code succeeds on a default anvil; this tracer catches the code its
   * constructor returns, immutables filled in, before the size check refuses it.
   */
  private static final String RETURNED_CODE_TRACER = "{ code: null, step: function(log) {"
      + " if (log.getDepth() == 1 && log.op.toString() == 'RETURN') {"
      + " var offset = log.stack.peek(0).valueOf(); var length = log.stack.peek(1).valueOf();"
      + " this.code = toHex(log.memory.slice(offset, offset + length)); } },"
      + " fault: function() {}, result: function() { return this.code; } }";

  private final NodeClient node;
  private final EthApi eth;
  private final EntryPoint entryPoint;
  private final Path artifacts;

  private KernelChain(NodeClient node, EntryPoint entryPoint, Path artifacts) {
    this.node = node;
    this.eth = new EthApi(node);
    this.entryPoint = entryPoint;
    this.artifacts = artifacts;
  }

  /**
   * Builds the contracts (running e2e/contracts/compile.mjs, which skips work already done) and
   * puts Kernel, its factory and the modules on the chain behind {@code node}.
   */
  public static KernelChain deploy(Path e2eDir, NodeClient node, EntryPoint entryPoint) {
    KernelChain chain = new KernelChain(node, entryPoint, compile(e2eDir));
    Bytes kernelCreation =
        Bytes.concat(chain.creationCode("kernel/Kernel"), word(entryPoint.address()));
    chain.setCode(KERNEL, chain.traceReturnedCode(kernelCreation));
    chain.install(FACTORY, Bytes.concat(chain.creationCode("kernel/KernelFactory"), word(KERNEL)));
    chain.install(ECDSA_VALIDATOR, chain.creationCode("sessionkey/OwnerEcdsaValidator"));
    chain.install(ECDSA_SIGNER, chain.creationCode("sessionkey/SessionKeyEcdsaSigner"));
    chain.install(CALL_POLICY, chain.creationCode("sessionkey/SessionKeyCallPolicy"));
    chain.install(TIMESTAMP_POLICY, chain.creationCode("sessionkey/SessionKeyTimestampPolicy"));
    chain.install(SUDO_POLICY, chain.creationCode("sessionkey/SessionKeySudoPolicy"));
    chain.install(GAS_POLICY, chain.creationCode("sessionkey/SessionKeyGasPolicy"));
    chain.install(RATE_LIMIT_POLICY, chain.creationCode("sessionkey/SessionKeyRateLimitPolicy"));
    return chain;
  }

  /** Puts the contract {@code artifact} (e.g. "sessionkey/TestToken") at {@code address}. */
  public void install(Address address, String artifact) {
    install(address, creationCode(artifact));
  }

  /**
   * Creates a Kernel account whose root validator is the ECDSA validator with {@code owner}, and
   * funds it with {@code wei}.
   */
  public Address createAccount(Address owner, Bytes32 salt, BigInteger wei) {
    Bytes rootValidator = Bytes.concat(Bytes.fromHex("0x01"), ECDSA_VALIDATOR.toBytes());
    Bytes initialize = Abi.call("initialize(bytes21,address,bytes,bytes,bytes[])",
        Abi.fixedBytes(rootValidator), Abi.address(Address.ZERO), Abi.bytes(owner.toBytes()),
        Abi.bytes(Bytes.EMPTY), Abi.array(List.of()));
    Abi.Value[] arguments = {Abi.bytes(initialize), Abi.fixedBytes(Bytes.wrap(salt.toArray()))};
    Address account = Address.fromWord(
        call(FACTORY, Abi.call("getAddress(bytes,bytes32)", arguments)).toArray(), 0);
    transact(FACTORY, Abi.call("createAccount(bytes,bytes32)", arguments));
    node.request("anvil_setBalance", account, wei).join();
    return account;
  }

  /** Kernel's {@code currentNonce()} of {@code account}: the nonce enable signatures cover. */
  public long currentNonce(Address account) {
    return new BigInteger(1, call(account, Abi.call("currentNonce()")).toArray()).longValueExact();
  }

  /** Sends {@code op} in a bundle of its own; throws if the bundle would fail. */
  public TransactionReceipt handleOps(PackedUserOperation op) {
    return transact(entryPoint.address(), HandleOpsCodec.encode(List.of(op), DEPLOYER));
  }

  /** A transaction from anvil's first account; throws unless it succeeded. */
  public TransactionReceipt transact(Address to, Bytes data) {
    CallRequest transaction =
        new CallRequest(DEPLOYER, to, data, BigInteger.valueOf(15_000_000), null);
    eth.ethCall(transaction, BlockTag.LATEST, StateOverrideSet.EMPTY).exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      String revert = cause instanceof NodeException node && node.revertData().isPresent()
          ? EntryPointRevert.decode(node.revertData().get()).describe()
          : cause.toString();
      throw new IllegalStateException("a transaction to " + to + " would fail: " + revert, cause);
    }).join();
    Bytes32 hash =
        Bytes32.fromHex(node.request("eth_sendTransaction", transaction).join().asText());
    TransactionReceipt receipt = Receipts.await(eth, hash);
    if (!receipt.status()) {
      throw new IllegalStateException("transaction " + hash + " to " + to + " failed: " + receipt);
    }
    return receipt;
  }

  public Bytes call(Address to, Bytes data) {
    return eth.ethCall(CallRequest.to(to, data), BlockTag.LATEST, StateOverrideSet.EMPTY).join();
  }

  private Bytes creationCode(String artifact) {
    try {
      JsonNode json = JSON.readTree(artifacts.resolve(artifact + ".json").toFile());
      return Bytes.fromHex(json.get("bytecode").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + artifact, e);
    }
  }

  /** Runs {@code creationCode} in an eth_call and puts the runtime code it returns at address. */
  private void install(Address address, Bytes creationCode) {
    Bytes runtime = Bytes.fromHex(node.request("eth_call",
        new CallRequest(null, null, creationCode, null, null), BlockTag.LATEST).join().asText());
    setCode(address, runtime);
  }

  private Bytes traceReturnedCode(Bytes creationCode) {
    JsonNode code = node.request("debug_traceCall",
        new CallRequest(null, null, creationCode, BigInteger.valueOf(30_000_000), null),
        BlockTag.LATEST, Map.of("tracer", RETURNED_CODE_TRACER)).join();
    return Bytes.fromHex(code.asText());
  }

  private void setCode(Address address, Bytes code) {
    if (code.isEmpty()) {
      throw new IllegalStateException("no runtime code for " + address);
    }
    node.request("anvil_setCode", address, code).join();
  }

  private static Bytes word(Address address) {
    return Abi.encode(Abi.address(address));
  }

  private static Path compile(Path e2eDir) {
    Path script = e2eDir.resolve("contracts/compile.mjs");
    try {
      Process node =
          new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
      boolean finished = node.waitFor(5, TimeUnit.MINUTES);
      String log = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!finished || node.exitValue() != 0) {
        node.destroyForcibly();
        throw new IllegalStateException("node " + script + " failed:\n" + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling contracts", e);
    }
    Path artifacts = e2eDir.resolve("contracts/target");
    if (!Files.isDirectory(artifacts)) {
      throw new IllegalStateException("compile.mjs left no artifacts in " + artifacts);
    }
    return artifacts;
  }
}
