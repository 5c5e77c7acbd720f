package io.seed.bundler.core.sessionkey.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.Rejections;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;

/**
 * The differential proof that the in-memory pre-validator and the chain agree on ZeroDev Kernel
 * v3.1 permission operations: Kernel v3.1 from modulekit and our ECDSASigner, CallPolicy,
 * TimestampPolicy, SudoPolicy, GasPolicy and RateLimitPolicy on anvil, a permission installed by
 * a mined enable-mode operation, and well over a thousand generated operations, valid and
 * violating every rule, each judged by the pre-validator (no I/O) and by {@code
 * simulateValidation} read with the bundler's own rules. Nothing the chain accepts may be
 * rejected, every rejection must be of the class the chain's failure has, and for everything the
 * pre-validator models the verdicts must be equal. The property is proven twice: with the
 * permissions known from their enable data, and with them read from the chain by {@link
 * KernelPermissionStateLoader}.
 */
class SessionKeyChainAgreementIT {
  private static final Logger LOG = LoggerFactory.getLogger(SessionKeyChainAgreementIT.class);
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int OPERATIONS = 1_500;
  private static final long MARGIN_SECONDS = 30;
  /*
   * Each simulation carries the EntryPointSimulations code as a state override (about 40 KB of
   * JSON); anvil refuses request bodies over 2 MB, so a full batch of 100 would be refused.
   */
  private static final int SIMULATIONS_PER_BATCH = 40;
  /** Kinds the pre-validator leaves to simulation: it must only not reject them wrongly. */
  private static final String LEFT_TO_SIMULATION = "left to simulation: ";
  private static final int TRANSFER = 0xa9059cbb;
  private static final int APPROVE = 0x095ea7b3;
  private static final int TRANSFER_FROM = 0x23b872dd;
  private static final int MINT = 0x40c10f19;
  private static final String MEMO_SIGNATURE = "transferWithMemo(address,uint256,bytes)";
  private static final int MEMO = selectorOf(MEMO_SIGNATURE);
  private static final BigInteger TRANSFER_LIMIT = BigInteger.valueOf(1_000_000);
  private static final BigInteger APPROVE_BELOW = BigInteger.valueOf(5_000);
  private static final BigInteger TRANSFER_FROM_AT_LEAST = BigInteger.valueOf(100);
  private static final BigInteger MEMO_LIMIT = BigInteger.valueOf(500);
  private static final BigInteger NATIVE_LIMIT = BigInteger.TEN.pow(18);
  /** What an operation of KernelOperations.unsigned may cost: all its gas at its maxFeePerGas. */
  private static final BigInteger MAX_COST =
      BigInteger.valueOf(60_000 + 6_000_000 + 300_000).multiply(BigInteger.valueOf(3_000_000_000L));
  private static final Bytes MEMO_PREFIX = Bytes.wrap("seed".getBytes(StandardCharsets.US_ASCII));

  private static final Address TOKEN =
      Address.fromHex("0x7e57000000000000000000000000000000000001");
  private static final Address OTHER_TOKEN =
      Address.fromHex("0x7e57000000000000000000000000000000000002");
  private static final Address DELEGATE_TARGET =
      Address.fromHex("0x7e57000000000000000000000000000000000003");
  private static final List<Address> RECIPIENTS = List.of(
      Address.fromHex("0x000000000000000000000000000000000000a001"),
      Address.fromHex("0x000000000000000000000000000000000000a002"),
      Address.fromHex("0x000000000000000000000000000000000000a003"));
  private static final Address STRANGER_RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000bad1");
  private static final Address SPENDER =
      Address.fromHex("0x000000000000000000000000000000000000c001");
  private static final Address BANNED =
      Address.fromHex("0x000000000000000000000000000000000000dead");

  private static final Bytes INSTALLED = Bytes.fromHex("0x11111111");
  private static final Bytes REVOKED = Bytes.fromHex("0x22222222");
  private static final Bytes ENABLED_IN_OP = Bytes.fromHex("0x33333333");

  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e1));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e55));
  private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(0xbad));

  private static EntryPoint entryPoint;
  private static KernelChain chain;
  private static KernelOperations operations;
  private static Address account;
  private static long now;
  private static long kernelNonce;
  private static Bytes installedData;

  /** What one generated operation is meant to exercise. */
  private record Case(String kind, PackedUserOperation op) {}

  /** The two verdicts on one operation. */
  private record Outcome(Case sample, Verdict verdict, RejectionReason chain, String chainReason) {}

  @BeforeAll
  static void deployKernelAndInstallPermissions() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    for (Address token : List.of(TOKEN, OTHER_TOKEN, DELEGATE_TARGET)) {
      chain.install(token, "sessionkey/TestToken");
    }
    operations = new KernelOperations(entryPoint, ANVIL.chainId());
    account = chain.createAccount(address(OWNER), Bytes32.ZERO, BigInteger.TEN.pow(21));
    chain.transact(TOKEN, CallData.call(MINT, CallData.word(account), BigInteger.TEN.pow(24)));
    now = new EthApi(ANVIL.client()).latestBlock().join().timestamp();
    kernelNonce = chain.currentNonce(account);

    installedData = permission(callPermissions(), now - 86_400, now + 30 * 86_400, true);
    chain.handleOps(enableOp(INSTALLED, installedData,
        single(TOKEN, BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    Bytes revokedData = KernelPermissionData.validatorData(
        List.of(new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY)), sessionSigner(0));
    chain.handleOps(enableOp(REVOKED, revokedData,
        single(TOKEN, BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    chain.handleOps(rootOp(Abi.call("uninstallValidation(bytes21,bytes,bytes)",
        Abi.fixedBytes(validationId(REVOKED)),
        Abi.bytes(Abi.encode(Abi.array(List.of(Abi.bytes(Bytes.EMPTY), Abi.bytes(Bytes.EMPTY))))),
        Abi.bytes(Bytes.EMPTY))));
  }

  @Test
  void shouldRejectOnlyWhatTheChainRejectsAndWithTheSameClass() {
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 100_000);
    KernelPermissionContracts contracts = KernelPermissionContracts.zeroDevDeployments();
    grants.put(new KernelPermissionDecoder(contracts).decode(key(INSTALLED), installedData));
    grants.putDisabled(key(REVOKED));
    SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(contracts)), grants,
        new SignerVerification(new SessionKeyRegistry(5_000)), PendingOperations.NONE,
        MARGIN_SECONDS);
    List<Case> cases = generate(new Random(4337), OPERATIONS);

    assertAgreement(cases, judge(prevalidator, cases));
  }

  /**
   * The same property when the installed and the revoked permission are not known from their
   * enable data but read from the chain by the state loader, key by key for the calls the
   * operations make: each operation is judged until nothing waits for a read any more, and the
   * last verdicts are compared with the chain's. Every operation of the installed permission
   * must then be judged in memory as with the whole permission.
   */
  @Test
  void shouldRejectOnlyWhatTheChainRejectsWithGrantsReadFromTheChain() throws Exception {
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 100_000);
    KernelPermissionContracts contracts = KernelPermissionContracts.zeroDevDeployments();
    List<Case> cases = generate(new Random(4337), OPERATIONS);
    List<Verdict> verdicts;
    try (HttpNodeClient loaderNode = new HttpNodeClient(NodeClientConfig.of(ANVIL.chain().url()))) {
      SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
          List.of(new KernelPermissionFormat(contracts)), grants,
          new SignerVerification(new SessionKeyRegistry(5_000)), PendingOperations.NONE,
          MARGIN_SECONDS, new KernelPermissionStateLoader(new EthApi(loaderNode), grants,
              contracts, Ticker.systemTicker(), Duration.ofMinutes(10), 100_000));
      verdicts = judgedOnceRead(prevalidator, cases);
      LOG.info("the loader sent {} view calls", loaderNode.requestCount());
    }

    assertThat(grants.find(key(INSTALLED))).get()
        .matches(grant -> !grant.permissions().isComplete(), "a partial call scope");
    assertThat(grants.isDisabled(key(REVOKED))).isTrue();
    List<Outcome> outcomes = assertAgreement(cases, verdicts);
    List<Outcome> installedOutcomes = outcomes.stream()
        .filter(o -> o.verdict().grant() != null && o.verdict().grant().equals(key(INSTALLED)))
        .toList();
    assertThat(installedOutcomes).as("operations of the permission read from the chain")
        .hasSizeGreaterThan(OPERATIONS / 2);
    assertThat(installedOutcomes)
        .as("each judged in memory\n%s", summary(outcomes))
        .allMatch(o -> o.verdict().kind() != Verdict.Kind.UNKNOWN);
  }

  /**
   * Judges {@code cases} again and again, giving the loader time between rounds, until no verdict
   * waits for a grant or a call key to be read; the last round's verdicts.
   */
  private static List<Verdict> judgedOnceRead(SessionKeyPrevalidator prevalidator,
      List<Case> cases) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      List<Verdict> verdicts = judge(prevalidator, cases);
      boolean waiting = verdicts.stream().anyMatch(v -> v.kind() == Verdict.Kind.UNKNOWN
          && (v.message().startsWith("no grant cached")
              || v.message().contains("not read from the chain yet")));
      if (!waiting || System.nanoTime() > deadline) {
        return verdicts;
      }
      Thread.sleep(100);
    }
  }

  private static List<Verdict> judge(SessionKeyPrevalidator prevalidator, List<Case> cases) {
    return cases.stream()
        .map(c -> prevalidator.check(c.op(), entryPoint, ANVIL.chainId(),
            operations.hash(c.op()), now))
        .toList();
  }

  /**
   * Simulates every case and asserts the pre-validator's {@code verdicts} agree with the chain:
   * nothing the chain accepts is rejected, every rejection has the chain's class, and every
   * modelled kind is judged as the chain judges it.
   */
  private static List<Outcome> assertAgreement(List<Case> cases, List<Verdict> verdicts) {
    List<Outcome> outcomes = new ArrayList<>();
    long started = System.nanoTime();
    try (HttpNodeClient node = new HttpNodeClient(new NodeClientConfig(ANVIL.chain().url(),
        Duration.ofMinutes(1), SIMULATIONS_PER_BATCH, NodeClientConfig.DEFAULT_MAX_BATCH_BYTES,
        NodeClientConfig.DEFAULT_LINGER))) {
      EntryPointClient simulations = new EntryPointClient(new EthApi(node), entryPoint,
          new EntryPointSimulationsCode(node));
      List<CompletableFuture<Simulation<ValidationResult>>> simulated = cases.stream()
          .map(c -> simulations.simulateValidation(c.op(), StateOverrideSet.EMPTY))
          .toList();
      for (int i = 0; i < cases.size(); i++) {
        Simulation<ValidationResult> simulation = simulated.get(i).join();
        outcomes.add(new Outcome(cases.get(i), verdicts.get(i), chainClass(simulation, now),
            describe(simulation)));
      }
    }

    long simulatedMillis = (System.nanoTime() - started) / 1_000_000;
    String summary = summary(outcomes);
    LOG.info("{} operations simulated in {} ms; pre-validator / chain per kind:\n{}",
        outcomes.size(), simulatedMillis, summary);
    assertThat(outcomes).as("operations").hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(outcomes)
        .as("no operation the chain accepts is rejected\n%s", summary)
        .noneMatch(o -> o.chain() == null && o.verdict().rejected());
    assertThat(outcomes)
        .as("every rejection has the class of the chain's failure\n%s", summary)
        .allMatch(o -> !o.verdict().rejected() || o.verdict().reason() == o.chain());
    assertThat(outcomes)
        .as("the pre-validator judges every modelled operation as the chain does\n%s", summary)
        .filteredOn(o -> !o.sample().kind().startsWith(LEFT_TO_SIMULATION))
        .allMatch(o -> o.verdict().kind() == (o.chain() == null ? Verdict.Kind.PASS
            : Verdict.Kind.REJECT));
    assertThat(outcomes.stream().filter(o -> o.chain() == null).count())
        .as("valid operations\n%s", summary).isGreaterThan(300);
    assertThat(outcomes.stream().map(Outcome::chain).distinct())
        .as("every class of failure occurs\n%s", summary)
        .contains(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
            RejectionReason.INVALID_SIGNATURE, RejectionReason.EXPIRES_SHORTLY);
    return outcomes;
  }

  @Test
  void shouldCountPendingOperationsAsTheChainCountsThemOnceIncluded() {
    BigInteger cost = MAX_COST;
    // Each enable operation spends one use or one operation's cost; the cache then holds what
    // reading the policy after it gives, and the operations that follow are pending in nonce order.
    assertThat(pendingSequence(Bytes.fromHex("0x44444444"),
        KernelPermissionData.rateLimit(0, 3, now - 3_600),
        KernelPermissionData.rateLimit(0, 2, now - 3_600), KernelChain.RATE_LIMIT_POLICY))
        .containsExactly("PASS", "PASS", "REJECT REJECTED_BY_ENTRYPOINT_OR_ACCOUNT");
    assertThat(pendingSequence(Bytes.fromHex("0x55555555"),
        KernelPermissionData.rateLimit(7_200, 10, now - 18_000),
        KernelPermissionData.rateLimit(7_200, 9, now - 10_800), KernelChain.RATE_LIMIT_POLICY))
        .containsExactly("PASS", "PASS", "REJECT EXPIRES_SHORTLY");
    BigInteger halfCost = cost.shiftRight(1);
    assertThat(pendingSequence(Bytes.fromHex("0x66666666"),
        KernelPermissionData.gas(cost.multiply(BigInteger.valueOf(3)).add(halfCost), false,
            Address.ZERO),
        KernelPermissionData.gas(cost.multiply(BigInteger.TWO).add(halfCost), false,
            Address.ZERO), KernelChain.GAS_POLICY))
        .containsExactly("PASS", "PASS", "REJECT REJECTED_BY_ENTRYPOINT_OR_ACCOUNT");
  }

  /**
   * Enables a permission of the usual calls and {@code policy} with {@code installData}, caches
   * it as {@code cachedData} describes it after that, then sends default-mode operations one
   * sequence number after the other: each is judged by the pre-validator with the earlier ones
   * pending and simulated on the chain where they are included, and included when the chain
   * accepts it, until one is rejected. Returns the verdicts, which must equal the chain's.
   */
  private static List<String> pendingSequence(Bytes permissionId, Bytes installData,
      Bytes cachedData, Address policy) {
    chain.handleOps(enableOp(permissionId, withPolicy(new Module(0, policy, installData)),
        validTransfer(new Random(1))));
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 100);
    KernelPermissionContracts contracts = KernelPermissionContracts.zeroDevDeployments();
    grants.put(new KernelPermissionDecoder(contracts)
        .decode(key(permissionId), withPolicy(new Module(0, policy, cachedData))));
    List<PackedUserOperation> pending = new ArrayList<>();
    SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(contracts)), grants,
        new SignerVerification(new SessionKeyRegistry(100)), grant -> List.copyOf(pending),
        MARGIN_SECONDS);
    EntryPointClient simulations = new EntryPointClient(new EthApi(ANVIL.client()), entryPoint,
        new EntryPointSimulationsCode(ANVIL.client()));
    List<String> verdicts = new ArrayList<>();
    Random random = new Random(permissionId.hashCode());
    for (long sequence = 0; verdicts.isEmpty() || verdicts.getLast().equals("PASS"); sequence++) {
      PackedUserOperation op = KernelOperations.unsigned(account,
          KernelOperations.nonce(KernelOperations.MODE_DEFAULT, permissionId)
              .add(BigInteger.valueOf(sequence)), validTransfer(random));
      op = op.withSignature(Bytes.concat(Bytes.fromHex("0xff"),
          operations.sign(op, SESSION, SignatureStyle.EIP191)));
      long blockTime = new EthApi(ANVIL.client()).latestBlock().join().timestamp();
      Verdict verdict =
          prevalidator.check(op, entryPoint, ANVIL.chainId(), operations.hash(op), blockTime);
      Simulation<ValidationResult> simulation =
          simulations.simulateValidation(op, StateOverrideSet.EMPTY).join();
      RejectionReason chainSays = chainClass(simulation, blockTime);
      assertThat(describe(verdict)).as("operation %d: chain says %s (%s)", sequence,
          chainSays == null ? "accepted" : chainSays, describe(simulation))
          .isEqualTo(chainSays == null ? "PASS" : "REJECT " + chainSays);
      verdicts.add(describe(verdict));
      if (chainSays == null) {
        chain.handleOps(op);
        pending.add(op);
      }
    }
    return verdicts;
  }

  // ---------------------------------------------------------------------------------------------
  // The generated operations.

  private static List<Case> generate(Random random, int count) {
    Map<String, Function<Random, PackedUserOperation>> kinds = kinds();
    List<String> names = List.copyOf(kinds.keySet());
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String kind = names.get(i % names.size());
      cases.add(new Case(kind, kinds.get(kind).apply(random)));
    }
    return cases;
  }

  private static Map<String, Function<Random, PackedUserOperation>> kinds() {
    Map<String, Function<Random, PackedUserOperation>> kinds = new TreeMap<>();
    // Within the installed permission.
    kinds.put("valid transfer", r -> installed(validTransfer(r)));
    kinds.put("valid transfer, raw-hash signature",
        r -> installed(validTransfer(r), SignatureStyle.RAW));
    kinds.put("valid transfer, 64-byte signature",
        r -> installed(validTransfer(r), SignatureStyle.COMPACT));
    kinds.put("valid transfer, high-s signature",
        r -> installed(validTransfer(r), SignatureStyle.HIGH_S));
    kinds.put("valid approve", r -> installed(approve(SPENDER, below(r, APPROVE_BELOW))));
    kinds.put("valid transferFrom on any target", r -> installed(single(randomAddress(r),
        BigInteger.ZERO, transferFrom(RECIPIENTS.get(1), STRANGER_RECIPIENT,
            atLeast(r, TRANSFER_FROM_AT_LEAST)))));
    kinds.put("valid memo transfer", r -> installed(
        memo(r, upTo(r, MEMO_LIMIT), Bytes.concat(MEMO_PREFIX, randomBytes(r)))));
    kinds.put("valid native transfer",
        r -> installed(single(RECIPIENTS.get(0), upTo(r, NATIVE_LIMIT), Bytes.EMPTY)));
    kinds.put("valid delegatecall", r -> installed(
        CallData.delegate(DELEGATE_TARGET, transfer(RECIPIENTS.get(2), BigInteger.TEN))));
    kinds.put("valid batch", r -> installed(CallData.batch(validCalls(r, 2 + r.nextInt(3)))));
    kinds.put("valid, with a policy signature before 0xff", r -> {
      PackedUserOperation op = defaultOp(INSTALLED, validTransfer(r));
      return op.withSignature(Bytes.concat(Bytes.fromHex("0x000000000000000003abcdefff"),
          operations.sign(op, SESSION, SignatureStyle.EIP191)));
    });
    // Out of scope: CallPolicy reverts.
    kinds.put("wrong target", r -> installed(single(OTHER_TOKEN, BigInteger.ZERO,
        transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("wrong selector", r -> installed(single(TOKEN, BigInteger.ZERO,
        CallData.call(MINT, CallData.word(account), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("transfer amount over the limit (LESS_THAN_OR_EQUAL)", r -> installed(single(TOKEN,
        BigInteger.ZERO, transfer(RECIPIENTS.get(r.nextInt(3)), over(r, TRANSFER_LIMIT)))));
    kinds.put("recipient not one of the allowed (ONE_OF)", r -> installed(single(TOKEN,
        BigInteger.ZERO, transfer(randomAddress(r), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("approve to another spender (EQUAL)",
        r -> installed(approve(randomAddress(r), below(r, APPROVE_BELOW))));
    kinds.put("approve amount not below the bound (LESS_THAN)",
        r -> installed(approve(SPENDER, APPROVE_BELOW.add(upTo(r, APPROVE_BELOW)))));
    kinds.put("transferFrom the banned holder (NOT_EQUAL)", r -> installed(single(TOKEN,
        BigInteger.ZERO, transferFrom(BANNED, RECIPIENTS.get(0),
            atLeast(r, TRANSFER_FROM_AT_LEAST)))));
    kinds.put("transferFrom to the zero address (GREATER_THAN)", r -> installed(single(TOKEN,
        BigInteger.ZERO, transferFrom(RECIPIENTS.get(0), Address.ZERO,
            atLeast(r, TRANSFER_FROM_AT_LEAST)))));
    kinds.put("transferFrom amount below the bound (GREATER_THAN_OR_EQUAL)", r -> installed(
        single(TOKEN, BigInteger.ZERO, transferFrom(RECIPIENTS.get(0), RECIPIENTS.get(1),
            below(r, TRANSFER_FROM_AT_LEAST)))));
    kinds.put("memo with another prefix (SLICE_EQUAL)", r -> installed(
        memo(r, upTo(r, MEMO_LIMIT), Bytes.concat(Bytes.fromHex("0x5eed"), randomBytes(r)))));
    kinds.put("memo shorter than the slice (SLICE_EQUAL)", r -> installed(
        memo(r, upTo(r, MEMO_LIMIT), MEMO_PREFIX.slice(0, r.nextInt(4)))));
    kinds.put("memo amount over the limit",
        r -> installed(memo(r, over(r, MEMO_LIMIT), MEMO_PREFIX)));
    kinds.put("native value over the limit",
        r -> installed(single(RECIPIENTS.get(0), over(r, NATIVE_LIMIT), Bytes.EMPTY)));
    kinds.put("value on a call allowed none", r -> installed(single(TOKEN,
        BigInteger.ONE.add(upTo(r, BigInteger.valueOf(1_000))),
        transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    kinds.put("batch with one bad call", r -> {
      List<Call> calls = new ArrayList<>(List.of(validCalls(r, 1 + r.nextInt(3))));
      calls.add(r.nextInt(calls.size() + 1), new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
          transfer(RECIPIENTS.get(0), over(r, TRANSFER_LIMIT))));
      return installed(CallData.batch(calls.toArray(Call[]::new)));
    });
    kinds.put("delegatecall not allowed", r -> installed(
        CallData.delegate(TOKEN, transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("call data shorter than a selector", r -> installed(single(TOKEN, BigInteger.ZERO,
        Bytes.fromHex("0xa9059c").slice(0, 1 + r.nextInt(3)))));
    kinds.put("argument missing from the call data", r -> installed(single(TOKEN,
        BigInteger.ZERO, CallData.call(TRANSFER, CallData.word(RECIPIENTS.get(0))))));
    kinds.put("unsupported call type", r -> installed(CallData.execute(
        r.nextBoolean() ? 0x02 : 0xfe, 0x00, Bytes.concat(TOKEN.toBytes(),
            Bytes.wrap(new byte[32]), transfer(RECIPIENTS.get(0), BigInteger.ONE)))));
    kinds.put("call data not execute",
        r -> installed(transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT))));
    // Signatures.
    kinds.put("signed by another key",
        r -> installed(validTransfer(r), SignatureStyle.EIP191, STRANGER));
    kinds.put("signature over another hash", r -> defaultOp(INSTALLED, validTransfer(r))
        .withSignature(Bytes.concat(Bytes.fromHex("0xff"), KernelOperations.signature(
            randomBytes32(r), SESSION, SignatureStyle.EIP191))));
    kinds.put("signature of a wrong length",
        r -> tampered(r, signature -> truncatedOrExtended(signature, r)));
    kinds.put("signature with v out of range", r -> tampered(r,
        signature -> withByte(signature, 65, new int[] {0, 1, 26, 29, 255}[r.nextInt(5)])));
    kinds.put("signature with r zero", r -> tampered(r,
        signature -> Bytes.concat(signature.slice(0, 1), Bytes.wrap(new byte[32]),
            signature.slice(33, signature.length()))));
    kinds.put("signature without the 0xff prefix",
        r -> tampered(r, signature -> signature.slice(1, signature.length())));
    kinds.put("policy signatures out of order", r -> tampered(r, signature -> Bytes.concat(
        Bytes.fromHex("0x010000000000000000000000000000000000"), signature)));
    kinds.put("policy signature overrunning the signature", r -> tampered(r,
        signature -> Bytes.concat(Bytes.fromHex("0x000000000000ffffff"), signature)));
    // A permission the account has uninstalled (cached as disabled).
    kinds.put("disabled permission", r -> {
      PackedUserOperation op = defaultOp(REVOKED, validTransfer(r));
      return op.withSignature(Bytes.concat(Bytes.fromHex("0xff"),
          operations.sign(op, SESSION, SignatureStyle.EIP191)));
    });
    // Enable mode: the operation carries the whole permission, nothing needs to be cached.
    kinds.put("enable: valid",
        r -> enabled(now - hours(r), now + hours(r), validTransfer(r), SESSION, true));
    kinds.put("enable: valid, open-ended window", r -> enabled(0, 0,
        CallData.batch(validCalls(r, 2)), SESSION, r.nextBoolean()));
    kinds.put("enable: expired window", r -> enabled(now - 2 * 86_400, now - hours(r),
        validTransfer(r), SESSION, r.nextBoolean()));
    kinds.put("enable: window not yet open", r -> enabled(now + hours(r),
        now + 86_400 + hours(r), validTransfer(r), SESSION, r.nextBoolean()));
    kinds.put("enable: out of scope", r -> enabled(0, now + hours(r), single(TOKEN,
        BigInteger.ZERO, transfer(STRANGER_RECIPIENT, BigInteger.ONE)), SESSION,
        r.nextBoolean()));
    kinds.put("enable: signed by another key",
        r -> enabled(0, 0, validTransfer(r), STRANGER, r.nextBoolean()));
    kinds.put("enable: expired and out of scope", r -> enabled(0, now - hours(r),
        single(OTHER_TOKEN, BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ONE)),
        SESSION, r.nextBoolean()));
    kinds.put("enable: expired and signed by another key",
        r -> enabled(0, now - hours(r), validTransfer(r), STRANGER, r.nextBoolean()));
    kinds.put("enable: ONE_OF without params on a permission not used", r -> enabledWith(
        withApproveRules(Rule.of(Condition.ONE_OF, 0)), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: ONE_OF without params on the permission used", r -> enabledWith(
        withApproveRules(Rule.of(Condition.ONE_OF, 0)),
        approve(SPENDER, below(r, APPROVE_BELOW)), SESSION, OWNER));
    kinds.put("enable: rate limit with uses left", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.RATE_LIMIT_POLICY, KernelPermissionData.rateLimit(hours(r), 1 + r.nextInt(5),
            now - hours(r)))), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: rate limit used up", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.RATE_LIMIT_POLICY, KernelPermissionData.rateLimit(hours(r), 0,
            now - hours(r)))), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: rate limit not started yet", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.RATE_LIMIT_POLICY, KernelPermissionData.rateLimit(hours(r), 1 + r.nextInt(5),
            now + hours(r)))), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: gas within the budget", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.GAS_POLICY, KernelPermissionData.gas(over(r, MAX_COST), r.nextBoolean(),
            Address.ZERO))), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: gas over the budget", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.GAS_POLICY, KernelPermissionData.gas(below(r, MAX_COST), false,
            Address.ZERO))), validTransfer(r), SESSION, OWNER));
    kinds.put("enable: gas budget requiring a paymaster", r -> enabledWith(withPolicy(new Module(0,
        KernelChain.GAS_POLICY, KernelPermissionData.gas(over(r, MAX_COST), true,
            randomAddress(r)))), validTransfer(r), SESSION, OWNER));
    // Left to simulation: the enable signature needs the owner's key from chain state, and
    // malformed enable data proves nothing when the nonce pattern alone does not prove a Kernel.
    kinds.put(LEFT_TO_SIMULATION + "enable approved by another key", r -> enabledWith(
        permission(callPermissions(), 0, 0, r.nextBoolean()), validTransfer(r), SESSION,
        STRANGER));
    kinds.put(LEFT_TO_SIMULATION + "enable with the signer flagged not for user operations",
        r -> enabledWith(KernelPermissionData.validatorData(List.of(new Module(0,
            KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(callPermissions()))),
            sessionSigner(1)), validTransfer(r), SESSION, OWNER));
    kinds.put(LEFT_TO_SIMULATION + "enable with a rule of two params where one is allowed",
        r -> enabledWith(withApproveRules(
            Rule.of(Condition.EQUAL, 0, word(SPENDER), word(RECIPIENTS.get(0)))),
            validTransfer(r), SESSION, OWNER));
    return kinds;
  }

  /** The usual call policy, then {@code policy}, then the session key's signer. */
  private static Bytes withPolicy(Module policy) {
    return KernelPermissionData.validatorData(List.of(new Module(0, KernelChain.CALL_POLICY,
        KernelPermissionData.callPolicy(callPermissions())), policy), sessionSigner(0));
  }

  /** A permission of the usual calls whose approve permission has only {@code rule}. */
  private static Bytes withApproveRules(Rule rule) {
    List<CallPermission> permissions = new ArrayList<>(callPermissions());
    permissions.set(1,
        new CallPermission(CallType.CALL, TOKEN, APPROVE, BigInteger.ZERO, List.of(rule)));
    return KernelPermissionData.validatorData(List.of(new Module(0, KernelChain.CALL_POLICY,
        KernelPermissionData.callPolicy(permissions))), sessionSigner(0));
  }

  private static PackedUserOperation installed(Bytes callData) {
    return installed(callData, SignatureStyle.EIP191);
  }

  private static PackedUserOperation installed(Bytes callData, SignatureStyle style) {
    return installed(callData, style, SESSION);
  }

  private static PackedUserOperation installed(Bytes callData, SignatureStyle style,
      ECKeyPair key) {
    PackedUserOperation op = defaultOp(INSTALLED, callData);
    return op.withSignature(Bytes.concat(Bytes.fromHex("0xff"), operations.sign(op, key, style)));
  }

  /** A valid installed-permission operation whose signature {@code change} then alters. */
  private static PackedUserOperation tampered(Random r, Function<Bytes, Bytes> change) {
    PackedUserOperation valid = installed(validTransfer(r));
    return valid.withSignature(change.apply(valid.signature()));
  }

  private static PackedUserOperation enabled(long validAfter, long validUntil, Bytes callData,
      ECKeyPair sessionKey, boolean withSudo) {
    return enabledWith(permission(callPermissions(), validAfter, validUntil, withSudo),
        callData, sessionKey, OWNER);
  }

  private static PackedUserOperation enabledWith(Bytes validatorData, Bytes callData,
      ECKeyPair sessionKey, ECKeyPair approver) {
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, ENABLED_IN_OP), callData);
    Bytes userOpSignature = Bytes.concat(Bytes.fromHex("0xff"),
        operations.sign(op, sessionKey, SignatureStyle.EIP191));
    return op.withSignature(operations.enableSignature(account, ENABLED_IN_OP, validatorData,
        kernelNonce, approver, userOpSignature));
  }

  private static PackedUserOperation enableOp(Bytes permissionId, Bytes validatorData,
      Bytes callData) {
    PackedUserOperation op = KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, permissionId), callData);
    Bytes userOpSignature = Bytes.concat(Bytes.fromHex("0xff"),
        operations.sign(op, SESSION, SignatureStyle.EIP191));
    return op.withSignature(operations.enableSignature(account, permissionId, validatorData,
        kernelNonce, OWNER, userOpSignature));
  }

  /** An operation validated by the root (owner) validator, nonce key 0. */
  private static PackedUserOperation rootOp(Bytes callData) {
    PackedUserOperation op = KernelOperations.unsigned(account, BigInteger.ZERO, callData);
    return op.withSignature(operations.sign(op, OWNER, SignatureStyle.EIP191));
  }

  private static PackedUserOperation defaultOp(Bytes permissionId, Bytes callData) {
    return KernelOperations.unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_DEFAULT, permissionId), callData);
  }

  /** CallPolicy, TimestampPolicy (and SudoPolicy), then the session key's ECDSASigner. */
  private static Bytes permission(List<CallPermission> calls, long validAfter, long validUntil,
      boolean withSudo) {
    List<Module> policies = new ArrayList<>();
    policies.add(new Module(0, KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(calls)));
    if (withSudo) {
      policies.add(new Module(0, KernelChain.SUDO_POLICY, Bytes.EMPTY));
    }
    policies.add(new Module(0, KernelChain.TIMESTAMP_POLICY,
        KernelPermissionData.timestamp(validAfter, validUntil)));
    return KernelPermissionData.validatorData(policies, sessionSigner(0));
  }

  private static Module sessionSigner(int flag) {
    return new Module(flag, KernelChain.ECDSA_SIGNER, address(SESSION).toBytes());
  }

  /** The call scope: one token's transfer up to an amount, and a rule of every condition. */
  private static List<CallPermission> callPermissions() {
    return List.of(
        new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO, List.of(
            Rule.of(Condition.ONE_OF, 0, word(RECIPIENTS.get(0)), word(RECIPIENTS.get(1)),
                word(RECIPIENTS.get(2))),
            Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, TRANSFER_LIMIT))),
        new CallPermission(CallType.CALL, TOKEN, APPROVE, BigInteger.ZERO, List.of(
            Rule.of(Condition.EQUAL, 0, word(SPENDER)),
            Rule.of(Condition.LESS_THAN, 32, APPROVE_BELOW))),
        new CallPermission(CallType.CALL, Address.ZERO, TRANSFER_FROM, BigInteger.ZERO, List.of(
            Rule.of(Condition.NOT_EQUAL, 0, word(BANNED)),
            Rule.of(Condition.GREATER_THAN, 32, BigInteger.ZERO),
            Rule.of(Condition.GREATER_THAN_OR_EQUAL, 64, TRANSFER_FROM_AT_LEAST))),
        new CallPermission(CallType.CALL, TOKEN, MEMO, BigInteger.ZERO, List.of(
            Rule.of(Condition.SLICE_EQUAL, 64, BigInteger.ZERO,
                BigInteger.valueOf(MEMO_PREFIX.length()),
                new BigInteger(1, Hash.sha3(MEMO_PREFIX.toArray()))),
            Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, MEMO_LIMIT))),
        new CallPermission(CallType.CALL, RECIPIENTS.get(0), 0, NATIVE_LIMIT, List.of()),
        new CallPermission(CallType.DELEGATECALL, DELEGATE_TARGET, TRANSFER, BigInteger.ZERO,
            List.of()));
  }

  private static Bytes validTransfer(Random r) {
    return single(TOKEN, BigInteger.ZERO,
        transfer(RECIPIENTS.get(r.nextInt(RECIPIENTS.size())), upTo(r, TRANSFER_LIMIT)));
  }

  private static Call[] validCalls(Random r, int count) {
    Call[] calls = new Call[count];
    for (int i = 0; i < count; i++) {
      calls[i] = switch (r.nextInt(4)) {
        case 0 -> new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
            transfer(RECIPIENTS.get(r.nextInt(3)), upTo(r, TRANSFER_LIMIT)));
        case 1 -> new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
            CallData.call(APPROVE, CallData.word(SPENDER), below(r, APPROVE_BELOW)));
        case 2 -> new Call(CallType.CALL, RECIPIENTS.get(0), upTo(r, NATIVE_LIMIT), Bytes.EMPTY);
        default -> new Call(CallType.CALL, randomAddress(r), BigInteger.ZERO,
            transferFrom(RECIPIENTS.get(2), RECIPIENTS.get(0), atLeast(r, TRANSFER_FROM_AT_LEAST)));
      };
    }
    return calls;
  }

  private static Bytes single(Address target, BigInteger value, Bytes data) {
    return CallData.single(target, value, data);
  }

  private static Bytes transfer(Address to, BigInteger amount) {
    return CallData.call(TRANSFER, CallData.word(to), amount);
  }

  private static Bytes approve(Address spender, BigInteger amount) {
    return single(TOKEN, BigInteger.ZERO,
        CallData.call(APPROVE, CallData.word(spender), amount));
  }

  private static Bytes transferFrom(Address from, Address to, BigInteger amount) {
    return CallData.call(TRANSFER_FROM, CallData.word(from), CallData.word(to), amount);
  }

  private static Bytes memo(Random r, BigInteger amount, Bytes memo) {
    return single(TOKEN, BigInteger.ZERO, Abi.call(MEMO_SIGNATURE,
        Abi.address(RECIPIENTS.get(r.nextInt(3))), Abi.uint(amount), Abi.bytes(memo)));
  }

  private static Bytes truncatedOrExtended(Bytes signature, Random r) {
    int[] lengths = {1, 41, 64, 67, 68, 98};
    int length = lengths[r.nextInt(lengths.length)];
    if (length <= signature.length()) {
      return signature.slice(0, length);
    }
    return Bytes.concat(signature, Bytes.wrap(new byte[length - signature.length()]));
  }

  private static Bytes withByte(Bytes bytes, int index, int value) {
    byte[] copy = bytes.toArray();
    copy[index] = (byte) value;
    return Bytes.wrap(copy);
  }

  // ---------------------------------------------------------------------------------------------
  // The chain's verdict, read with the bundler's own rules.

  /** The rejection class the bundler derives from the simulation, or null when it accepts. */
  private static RejectionReason chainClass(Simulation<ValidationResult> simulation,
      long nowSeconds) {
    try {
      switch (simulation) {
        case Simulation.Reverted<ValidationResult>(var revert) ->
            throw Rejections.fromRevert(revert);
        case Simulation.Passed<ValidationResult>(ValidationResult result) -> {
          ValidationData accountData = result.returnInfo().accountValidationData();
          ValidationData paymasterData = result.returnInfo().paymasterValidationData();
          Rejections.requireAuthorized(accountData, paymasterData);
          Rejections.requireValidWindow(accountData.intersect(paymasterData), nowSeconds,
              MARGIN_SECONDS);
        }
      }
      return null;
    } catch (UserOperationRejectedException rejected) {
      return rejected.reason();
    }
  }

  private static String describe(Verdict verdict) {
    return verdict.rejected() ? "REJECT " + verdict.reason() : verdict.kind().name();
  }

  private static String describe(Simulation<ValidationResult> simulation) {
    return switch (simulation) {
      case Simulation.Reverted<ValidationResult>(var revert) -> revert.describe();
      case Simulation.Passed<ValidationResult>(ValidationResult result) ->
          "validationData " + result.returnInfo().accountValidationData();
    };
  }

  /** Per kind: how many, the pre-validator's verdicts and the chain's classes, and mismatches. */
  private static String summary(List<Outcome> outcomes) {
    Map<String, Map<String, Integer>> byKind = new TreeMap<>();
    List<String> mismatches = new ArrayList<>();
    for (Outcome o : outcomes) {
      String pre = describe(o.verdict());
      String chainSays = o.chain() == null ? "accepted" : o.chain().name();
      byKind.computeIfAbsent(o.sample().kind(), k -> new TreeMap<>())
          .merge(pre + " / chain " + chainSays, 1, Integer::sum);
      boolean agree = o.chain() == null ? !o.verdict().rejected()
          : o.verdict().rejected() && o.verdict().reason() == o.chain();
      if (!agree && !o.sample().kind().startsWith(LEFT_TO_SIMULATION) && mismatches.size() < 20) {
        mismatches.add(o.sample().kind() + ": pre-validator " + pre + " (" + o.verdict().message()
            + "), chain " + chainSays + " (" + o.chainReason() + ")");
      }
    }
    StringBuilder text = new StringBuilder();
    byKind.forEach((kind, counts) -> text.append(kind).append(": ").append(counts).append('\n'));
    mismatches.forEach(m -> text.append("MISMATCH ").append(m).append('\n'));
    return text.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  private static GrantKey key(Bytes permissionId) {
    return new GrantKey(ANVIL.chainId(), entryPoint.address(), account, account, permissionId);
  }

  private static Bytes validationId(Bytes permissionId) {
    return Bytes.concat(Bytes.fromHex("0x02"), permissionId, Bytes.wrap(new byte[16]));
  }

  private static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }

  private static BigInteger word(Address address) {
    return CallData.word(address);
  }

  private static long hours(Random r) {
    return 3_600L * (1 + r.nextInt(48));
  }

  private static BigInteger upTo(Random r, BigInteger limit) {
    return new BigInteger(limit.bitLength() + 8, r).mod(limit.add(BigInteger.ONE));
  }

  private static BigInteger below(Random r, BigInteger bound) {
    return new BigInteger(bound.bitLength() + 8, r).mod(bound);
  }

  private static BigInteger over(Random r, BigInteger limit) {
    return limit.add(BigInteger.ONE).add(upTo(r, limit));
  }

  private static BigInteger atLeast(Random r, BigInteger bound) {
    return bound.add(upTo(r, bound.multiply(BigInteger.TEN)));
  }

  private static Address randomAddress(Random r) {
    byte[] raw = new byte[20];
    r.nextBytes(raw);
    return Address.of(raw);
  }

  private static Bytes randomBytes(Random r) {
    byte[] raw = new byte[r.nextInt(40)];
    r.nextBytes(raw);
    return Bytes.wrap(raw);
  }

  private static byte[] randomBytes32(Random r) {
    byte[] raw = new byte[32];
    r.nextBytes(raw);
    return raw;
  }

  private static int selectorOf(String signature) {
    return new BigInteger(1, Abi.selector(signature).toArray()).intValue();
  }
}
