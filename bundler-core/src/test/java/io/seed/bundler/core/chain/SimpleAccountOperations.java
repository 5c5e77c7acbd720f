package io.seed.bundler.core.chain;

import io.seed.bundler.core.devchain.DevChain;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Builds real SimpleAccount operations for the ITs: a fresh owner and salt per account, the
 * account's counterfactual address from its factory, the first operation deploying it through
 * {@code createAccount}, calls through {@code execute}, and the owner's signature of the
 * userOpHash (EIP-191 for v0.7, the raw EIP-712 hash for v0.8, as each release's SimpleAccount
 * checks it).
 */
public final class SimpleAccountOperations {
  /** 1 ETH. */
  public static final BigInteger ETHER = BigInteger.TEN.pow(18);

  private static final AtomicLong SALTS = new AtomicLong(1);

  private final DevChain chain;
  private final EthApi eth;
  private final EntryPoint entryPoint;
  private final UserOperationHasher hasher = new UserOperationHasher();

  /** Operations for {@code version}'s EntryPoint on {@code anvil}. */
  public SimpleAccountOperations(AnvilFixture anvil, EntryPointVersion version) {
    this(anvil.chain(), anvil.eth(), version);
  }

  /**
   * Operations for {@code version}'s EntryPoint on {@code chain}, read through {@code eth}: for
   * code outside JUnit (the benchmarks).
   */
  public SimpleAccountOperations(DevChain chain, EthApi eth, EntryPointVersion version) {
    this.chain = chain;
    this.eth = eth;
    this.entryPoint = chain.entryPoint(version);
  }

  /** The EntryPoint the operations are for. */
  public EntryPoint entryPoint() {
    return entryPoint;
  }

  /** A new, funded, not yet deployed account. */
  public Account newAccount() {
    ECKeyPair owner = ECKeyPair.create(BigInteger.valueOf(0x5eed_0000L + SALTS.incrementAndGet()));
    BigInteger salt = BigInteger.valueOf(SALTS.get());
    Address ownerAddress = Address.fromHex("0x" + Keys.getAddress(owner));
    Address factory = chain.simpleAccountFactory(entryPoint.version());
    Bytes answer =
        eth.ethCall(
                CallRequest.to(factory, call("getAddress", address(ownerAddress), new Uint256(salt))),
                BlockTag.LATEST, null)
            .join();
    Address sender = Address.fromWord(answer.toArray(), 0);
    chain.fund(sender, ETHER.multiply(BigInteger.TEN));
    return new Account(sender, owner, factory, call("createAccount", address(ownerAddress), new Uint256(salt)));
  }

  /** The first operation of a new account: it deploys the account and makes a deposit. */
  public PackedUserOperation newAccountDeposit() {
    Account account = newAccount();
    return operation(account, 0, depositCall(account));
  }

  /**
   * A signed operation of {@code account} with nonce {@code nonce}, deploying the account when
   * {@code nonce} is 0, running {@code callData}.
   */
  public PackedUserOperation operation(Account account, long nonce, Bytes callData) {
    boolean deploy = nonce == 0;
    PackedUserOperation unsigned =
        new PackedUserOperation(
            account.sender(),
            BigInteger.valueOf(nonce),
            deploy ? account.factory() : null,
            deploy ? account.factoryData() : Bytes.EMPTY,
            callData,
            BigInteger.valueOf(200_000),
            BigInteger.valueOf(deploy ? 600_000 : 150_000),
            BigInteger.valueOf(120_000),
            BigInteger.valueOf(20_000_000_000L),
            BigInteger.valueOf(1_000_000_000L),
            null,
            BigInteger.ZERO,
            BigInteger.ZERO,
            Bytes.EMPTY,
            Bytes.wrap(new byte[65]),
            null);
    return sign(unsigned, account.owner());
  }

  /** The operation signed by {@code key}. */
  public PackedUserOperation sign(PackedUserOperation op, ECKeyPair key) {
    byte[] hash = hash(op).toArray();
    Sign.SignatureData signature =
        entryPoint.version() == EntryPointVersion.V0_7
            ? Sign.signPrefixedMessage(hash, key)
            : Sign.signMessage(hash, key, false);
    byte[] packed = new byte[65];
    System.arraycopy(signature.getR(), 0, packed, 0, 32);
    System.arraycopy(signature.getS(), 0, packed, 32, 32);
    packed[64] = signature.getV()[0];
    return op.withSignature(Bytes.wrap(packed));
  }

  /** The operation's userOpHash. */
  public Bytes32 hash(PackedUserOperation op) {
    return hasher.hash(op, entryPoint, chain.chainId());
  }

  /** A pool entry for {@code op} with no validity bounds. */
  public PoolEntry entry(PackedUserOperation op) {
    return new PoolEntry(
        hash(op), entryPoint, op, 0, 0, Instant.now(), EntityStakes.NONE, CodeHashes.NONE,
        AccessedStorage.NONE);
  }

  /**
   * {@code execute(entryPoint, 1 wei, depositTo(sender))}: succeeds and makes the EntryPoint emit
   * one {@code Deposited} log during the operation's execution.
   */
  public Bytes depositCall(Account account) {
    return execute(BigInteger.ONE, call("depositTo", address(account.sender())));
  }

  /**
   * {@code execute(entryPoint, 0, withdrawTo(sender, 1000 ETH))}: reverts inside the account's
   * call with {@code Error("Withdraw amount too large")}.
   */
  public Bytes failingCall(Account account) {
    return execute(
        BigInteger.ZERO,
        call("withdrawTo", address(account.sender()), new Uint256(ETHER.multiply(BigInteger.valueOf(1000)))));
  }

  private Bytes execute(BigInteger value, Bytes inner) {
    return call(
        "execute", address(entryPoint.address()), new Uint256(value),
        new DynamicBytes(inner.toArray()));
  }

  @SuppressWarnings("rawtypes") // web3j's Function takes a List of the raw Type
  private static Bytes call(String name, Type<?>... arguments) {
    return Bytes.fromHex(
        FunctionEncoder.encode(new Function(name, Arrays.<Type>asList(arguments), List.of())));
  }

  private static org.web3j.abi.datatypes.Address address(Address address) {
    return new org.web3j.abi.datatypes.Address(address.toHex());
  }

  /** A SimpleAccount: where it is (or will be), its owner, and how its factory deploys it. */
  public record Account(Address sender, ECKeyPair owner, Address factory, Bytes factoryData) {}
}
