package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.sessionkey.kernel.KernelChain;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Session;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Smart Sessions on an anvil chain: Kernel v3.1 with its root ECDSA validator (from {@link
 * KernelChain}), the SmartSession module's runtime code from {@code @rhinestone/modulekit} 0.5.9,
 * our own session validators and policies (e2e/contracts/smartsessions) at the addresses
 * module-sdk 0.4.0 uses, and a registry stand-in at the address that SmartSession build calls.
 */
final class SmartSessionChain {
  /**
   * An address the Smart Sessions format routes. The code put there is modulekit's build, which
   * predates v1.0.0: it is not what runs at this address in production.
   */
  static final Address SMART_SESSION = address("0x00000000002B0eCfbD0496EE71e01257dA0E37DE");
  static final Address REGISTRY = address("0x000000000069E2a187AEFFb852bF3cCdC95151B2");
  static final Address SUDO_POLICY = address("0x0000003111cD8e92337C100F22B7A9dbf8DEE301");
  static final Address UNI_ACTION_POLICY = address("0x0000006DDA6c463511C4e9B05CFc34C1247fCF1F");
  static final Address TIME_FRAME_POLICY = address("0x8177451511dE0577b911C254E9551D981C26dc72");
  static final Address USAGE_LIMIT_POLICY = address("0x1F34eF8311345A3A4a4566aF321b313052F51493");
  static final Address VALUE_LIMIT_POLICY = address("0x730DA93267E7E513e932301B47F2ac7D062abC83");
  static final Address SPENDING_LIMITS_POLICY =
      address("0x00000088D48cF102A8Cdb0137A9b173f957c6343");
  /** OwnableValidator as module-sdk 0.4.0 names it: session keys sign the EIP-191 hash. */
  static final Address OWNABLE_EIP191 = address("0x2483DA3A338895199E5e538530213157e931Bf06");
  /** The later OwnableValidator: session keys sign the userOpHash itself. */
  static final Address OWNABLE_RAW = address("0x000000000013fdB5234E4E3162a810F54d9f7E98");

  private static final int VALIDATOR_MODULE = 1;
  private static final Pattern RUNTIME_CODE =
      Pattern.compile("SMART_SESSION_DEPLOYED_BYTECODE\\s*=\\s*hex\"([0-9a-fA-F]+)\"");
  private static final Bytes32 KERNEL_WRAPPER_TYPEHASH =
      SmartSessionData.keccak(utf8("Kernel(bytes32 hash)"));
  private static final Bytes32 DOMAIN_TYPEHASH = SmartSessionData.keccak(utf8(
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));

  private final KernelChain kernel;
  private final NodeClient node;
  private final EntryPoint entryPoint;
  private final KernelOperations operations;
  private final long chainId;

  private SmartSessionChain(KernelChain kernel, NodeClient node, EntryPoint entryPoint,
      long chainId) {
    this.kernel = kernel;
    this.node = node;
    this.entryPoint = entryPoint;
    this.operations = new KernelOperations(entryPoint, chainId);
    this.chainId = chainId;
  }

  /** Kernel, SmartSession, the session validators, the policies and the registry stand-in. */
  static SmartSessionChain deploy(Path e2eDir, NodeClient node, EntryPoint entryPoint,
      long chainId) {
    KernelChain kernel = KernelChain.deploy(e2eDir, node, entryPoint);
    kernel.install(SUDO_POLICY, "smartsessions/SessionSudoPolicy");
    kernel.install(UNI_ACTION_POLICY, "smartsessions/SessionUniActionPolicy");
    kernel.install(TIME_FRAME_POLICY, "smartsessions/SessionTimeFramePolicy");
    kernel.install(USAGE_LIMIT_POLICY, "smartsessions/SessionUsageLimitPolicy");
    kernel.install(VALUE_LIMIT_POLICY, "smartsessions/SessionValueLimitPolicy");
    kernel.install(SPENDING_LIMITS_POLICY, "smartsessions/SessionSpendingLimitPolicy");
    kernel.install(OWNABLE_EIP191, "smartsessions/SessionOwnableValidatorEip191");
    kernel.install(OWNABLE_RAW, "smartsessions/SessionOwnableValidatorRawHash");
    kernel.install(REGISTRY, "smartsessions/AttestingRegistry");
    node.request("anvil_setCode", SMART_SESSION, smartSessionRuntime(e2eDir)).join();
    return new SmartSessionChain(kernel, node, entryPoint, chainId);
  }

  KernelChain kernel() {
    return kernel;
  }

  KernelOperations operations() {
    return operations;
  }

  /** A Kernel account of {@code owner}, funded with {@code wei}. */
  Address createAccount(ECKeyPair owner, BigInteger wei) {
    return kernel.createAccount(address(owner), Bytes32.ZERO, wei);
  }

  /**
   * Installs SmartSession as a validator of {@code account} allowed to validate {@code execute},
   * enabling {@code sessions}, by an operation of the account's root validator.
   */
  void installSmartSession(Address account, ECKeyPair owner, List<Session> sessions) {
    Bytes initData = Bytes.concat(Address.ZERO.toBytes(), Abi.encode(
        Abi.bytes(SmartSessionData.installData(sessions)), Abi.bytes(Bytes.EMPTY),
        Abi.bytes(KernelOperations.EXECUTE_SELECTOR)));
    kernel.handleOps(rootOp(account, owner, Abi.call("installModule(uint256,address,bytes)",
        Abi.uint(VALIDATOR_MODULE), Abi.address(SMART_SESSION), Abi.bytes(initData))));
  }

  /** Removes the session {@code permissionId} of {@code account} by a root operation. */
  void removeSession(Address account, ECKeyPair owner, Bytes32 permissionId) {
    Bytes call = Abi.call("removeSession(bytes32)", new Abi.Word(permissionId));
    kernel.handleOps(rootOp(account, owner,
        CallData.single(SMART_SESSION,
            BigInteger.ZERO, call)));
  }

  /** {@code isPermissionEnabled(permissionId, account)}. */
  boolean isPermissionEnabled(Bytes32 permissionId, Address account) {
    return new BigInteger(1, kernel.call(SMART_SESSION, Abi.call(
        "isPermissionEnabled(bytes32,address)", new Abi.Word(permissionId),
        Abi.address(account))).toArray()).signum() != 0;
  }

  /**
   * The enable signature module-sdk lays out for Kernel, {@code 0x01 ‖ validator ‖ signature}:
   * {@code owner}'s signature, through the root ECDSA validator, of Kernel's ERC-1271 wrapping of
   * {@code digest} for {@code account}.
   */
  Bytes permissionEnableSig(Address account, ECKeyPair owner, Bytes32 digest) {
    Bytes32 domain = SmartSessionData.keccak(Abi.encode(new Abi.Word(DOMAIN_TYPEHASH),
        new Abi.Word(SmartSessionData.keccak(utf8("Kernel"))),
        new Abi.Word(SmartSessionData.keccak(utf8("0.3.1"))), Abi.uint(chainId),
        Abi.address(account)));
    Bytes32 struct = SmartSessionData.keccak(
        Abi.encode(new Abi.Word(KERNEL_WRAPPER_TYPEHASH), new Abi.Word(digest)));
    Bytes32 wrapped = SmartSessionData.keccak(Bytes.concat(Bytes.fromHex("0x1901"),
        Bytes.wrap(domain.toArray()), Bytes.wrap(struct.toArray())));
    return Bytes.concat(Bytes.fromHex("0x01"), KernelChain.ECDSA_VALIDATOR.toBytes(),
        KernelOperations.signature(wrapped.toArray(), owner, SignatureStyle.RAW));
  }

  /** Sends {@code op} in a bundle of its own; throws if the bundle would fail. */
  TransactionReceipt handleOps(PackedUserOperation op) {
    return kernel.handleOps(op);
  }

  /**
   * A nonce routing to SmartSession on Kernel: {@code 0x00 ‖ 0x01 ‖ SmartSession ‖ key(2) ‖
   * sequence(8)}.
   */
  static BigInteger nonce(int key, long sequence) {
    byte[] word = new byte[32];
    word[1] = 0x01;
    SMART_SESSION.toBytes().copyTo(word, 2);
    word[22] = (byte) (key >>> 8);
    word[23] = (byte) key;
    for (int i = 0; i < 8; i++) {
      word[31 - i] = (byte) (sequence >>> (8 * i));
    }
    return new BigInteger(1, word);
  }

  static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }

  /** An operation of {@code account}'s root validator at its next root nonce. */
  private PackedUserOperation rootOp(Address account, ECKeyPair owner, Bytes callData) {
    BigInteger nonce = new BigInteger(1, kernel.call(entryPoint.address(),
        Abi.call("getNonce(address,uint192)", Abi.address(account), Abi.uint(0))).toArray());
    // Enabling sessions stores every policy's configuration: more than an operation's usual gas.
    PackedUserOperation op = new PackedUserOperation(account, nonce, null, Bytes.EMPTY, callData,
        BigInteger.valueOf(10_000_000), BigInteger.valueOf(1_000_000), BigInteger.valueOf(60_000),
        BigInteger.valueOf(3_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
    return op.withSignature(operations.sign(op, owner, SignatureStyle.EIP191));
  }

  private static Bytes smartSessionRuntime(Path e2eDir) {
    Path precompiles = e2eDir.resolve("node_modules/@rhinestone/modulekit/src/deployment/"
        + "precompiles/SmartSessionsPrecompiles.sol");
    try {
      Matcher match = RUNTIME_CODE.matcher(Files.readString(precompiles));
      if (!match.find()) {
        throw new IllegalStateException("no SMART_SESSION_DEPLOYED_BYTECODE in " + precompiles);
      }
      return Bytes.fromHex("0x" + match.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + precompiles, e);
    }
  }

  private static Address address(String hex) {
    return Address.fromHex(hex);
  }

  private static Bytes utf8(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
