package io.seed.bundler.core.sessionkey.smartsessions;

import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.ENABLE;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.EQUAL;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.GREATER_THAN;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.GREATER_THAN_OR_EQUAL;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.IN_RANGE;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.LESS_THAN;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.LESS_THAN_OR_EQUAL;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.NOT_EQUAL;
import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.UNSAFE_ENABLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.AbiReader;
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
import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionFormat;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Action;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.ChainDigest;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.ParamRule;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Policy;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Session;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.ValidationConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

/**
 * The differential proof that the in-memory pre-validator and the chain agree on Smart Sessions:
 * the SmartSession runtime code from {@code @rhinestone/modulekit} 0.5.9 installed as a validator
 * of a Kernel v3.1 account, our OwnableValidator (both hashing rules) and Sudo, UniAction,
 * TimeFrame, UsageLimit, ValueLimit and ERC-20 spending-limit policies at module-sdk 0.4.0's
 * addresses, a registry stand-in so that ENABLE runs, sessions enabled at install, and over a
 * thousand generated operations in USE, ENABLE and UNSAFE_ENABLE mode, valid and violating every
 * rule, each judged by the pre-validator wired as production wires it (no I/O) and by {@code
 * simulateValidation} read with the bundler's own rules. Nothing the chain accepts may be
 * rejected, every rejection must have the class of the chain's failure, and for every modelled
 * kind the verdicts must be equal. The same operations are judged again with no grant known in
 * advance, each read from the chain by {@link SmartSessionGrantLoader}.
 *
 * <p>That modulekit build predates v1.0.0, whose encoding module-sdk 0.4.0 and the pre-validator
 * follow: its enable digest is the older {@code SessionEIP712} (binding the mode), its {@code
 * Session} has no paymaster flag, and its USE signature wraps the session signature as {@code
 * FastLZ(abi.encode(bytes))}. USE operations therefore reach the chain in that envelope (the
 * userOpHash does not cover the signature, so the chain judges the same operation), and the one
 * rule that differs, calls to the module itself, is asserted as a difference.
 */
class SmartSessionChainAgreementIT {
  private static final Logger LOG = LoggerFactory.getLogger(SmartSessionChainAgreementIT.class);
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int OPERATIONS = 1_600;
  private static final long MARGIN_SECONDS = ValidationConfig.DEFAULTS.expiryMargin().toSeconds();
  /* Each simulation carries the EntryPointSimulations code as a ~40 KB state override. */
  private static final int SIMULATIONS_PER_BATCH = 40;
  private static final String LEFT = Agreement.LEFT_TO_SIMULATION;
  private static final String BUILD_DIFFERENCE = Agreement.BUILD_DIFFERENCE;
  private static final String NOT_A_SESSION = Agreement.NOT_A_SESSION;

  private static final int TRANSFER = 0xa9059cbb;
  private static final int APPROVE = 0x095ea7b3;
  private static final int TRANSFER_FROM = 0x23b872dd;
  private static final int MINT = 0x40c10f19;
  private static final int VALUE_ONLY = 0xffffffff;
  private static final int FALLBACK = 0x00000001;
  private static final BigInteger TRANSFER_LIMIT = BigInteger.valueOf(1_000_000);
  private static final BigInteger APPROVE_LOW = BigInteger.valueOf(100);
  private static final BigInteger APPROVE_HIGH = BigInteger.valueOf(5_000);
  private static final BigInteger FROM_AT_LEAST = BigInteger.valueOf(100);
  private static final BigInteger CUMULATIVE_LIMIT = BigInteger.valueOf(1_000);
  private static final BigInteger NATIVE_LIMIT = BigInteger.TEN.pow(18);
  private static final BigInteger VALUE_PER_USE = BigInteger.valueOf(1_000);
  private static final BigInteger FALLBACK_TRANSFER_LIMIT = BigInteger.valueOf(500);
  private static final int INCREASE_ALLOWANCE = 0x39509351;
  private static final BigInteger SPENDING_LIMIT = BigInteger.valueOf(10_000);

  private static final Address TOKEN = token(1);
  private static final Address OTHER_TOKEN = token(2);
  /** A token with an ERC-20 spending limit on each of its spending calls. */
  private static final Address SPEND_TOKEN = token(3);
  /** A token whose transfer action's spending limit names only SPEND_TOKEN. */
  private static final Address UNLISTED_TOKEN = token(4);
  /** A token whose transfer action may be used twice (UsageLimit as an action policy). */
  private static final Address TWICE_TOKEN = token(5);
  private static final List<Address> RECIPIENTS =
      List.of(numbered(0xa001), numbered(0xa002), numbered(0xa003));
  /** transferFrom recipients must be below this address (LESS_THAN on an address word). */
  private static final Address RECIPIENT_BOUND = numbered(0xb000);
  private static final Address SPENDER = numbered(0xc001);
  private static final Address BANNED = numbered(0xdead);
  /** The target of the special actions: the generic fallback and calls to the module. */
  private static final Address SPECIAL = numbered(0x0001);

  private static final ECKeyPair OWNER = keyPair(0x0e1);
  private static final ECKeyPair SESSION = keyPair(0x5e55);
  private static final ECKeyPair SESSION_2 = keyPair(0x5e56);
  private static final ECKeyPair SESSION_3 = keyPair(0x5e57);
  private static final ECKeyPair STRANGER = keyPair(0xbad);

  private static SmartSessionChain chain;
  private static EntryPoint entryPoint;
  private static Address account;
  /** The sessions enabled at install, by role. */
  private static Map<String, Session> installed;
  /** The "used up" session as the cache holds it once its two uses are spent. */
  private static Session usedUpAsCached;
  private static KernelOperations operations;
  private static long now;
  private static List<Case> cases;
  private static List<Simulation<ValidationResult>> simulations;

  /** What one generated operation is meant to exercise. */
  private record Case(String kind, PackedUserOperation op) {}

  @BeforeAll
  static void deploySmartSessionsAndEnableSessions() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = SmartSessionChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint,
        ANVIL.chainId());
    operations = chain.operations();
    for (Address token : List.of(TOKEN, OTHER_TOKEN, SPEND_TOKEN, UNLISTED_TOKEN)) {
      chain.kernel().install(token, "sessionkey/TestToken");
    }
    account = chain.createAccount(OWNER, BigInteger.TEN.pow(21));
    chain.kernel().transact(TOKEN,
        CallData.call(MINT, CallData.word(account), BigInteger.TEN.pow(24)));
    now = new EthApi(ANVIL.client()).latestBlock().join().timestamp();

    installed = new TreeMap<>();
    installed.put("scoped", scopedSession());
    installed.put("fallback", fallbackSession());
    installed.put("expired", sudoSession(3, SmartSessionData.timeFrame(now - 3_600, now - 86_400)));
    installed.put("not yet valid",
        sudoSession(4, SmartSessionData.timeFrame(now + 2 * 86_400, now + 3_600)));
    installed.put("used up", sudoSession(5, SmartSessionData.usageLimit(2)));
    installed.put("removed", sudoSession(6, SmartSessionData.timeFrame(0, now - 60)));
    installed.put("action window expired", actionWindowSession());
    installed.put("owners out of order", unsortedOwnersSession());
    chain.installSmartSession(account, OWNER, List.copyOf(installed.values()));
    for (Session session : installed.values()) {
      assertThat(chain.isPermissionEnabled(session.permissionId(), account))
          .as("session %s enabled at install", session.permissionId()).isTrue();
    }
    // Two operations spend the "used up" session's two uses; the cache holds what is left.
    for (long sequence = 0; sequence < 2; sequence++) {
      chain.handleOps(onChain(useOp(installed.get("used up"),
          SmartSessionChain.nonce(1, sequence), validTransfer(new Random(sequence)), SESSION)));
    }
    usedUpAsCached = sudoSession(5, SmartSessionData.usageLimit(0));
    chain.removeSession(account, OWNER, installed.get("removed").permissionId());
    assertThat(chain.isPermissionEnabled(installed.get("removed").permissionId(), account))
        .isFalse();
  }

  @Test
  void shouldRejectOnlyWhatTheChainRejectsAndWithTheSameClass() {
    SmartSessionContracts contracts = SmartSessionContracts.rhinestoneDeployments();
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 100_000);
    SessionDecoder decoder = new SessionDecoder(contracts);
    installed.forEach((name, session) -> {
      if (name.equals("removed")) {
        grants.putDisabled(key(session.permissionId()));
      } else {
        Session cached = name.equals("used up") ? usedUpAsCached : session;
        grants.put(decoder.decode(key(session.permissionId()),
            AbiReader.of(Abi.encode(cached.abi())).tupleAt(0)));
      }
    });
    SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(KernelPermissionContracts.zeroDevDeployments()),
            new SmartSessionFormat(contracts)),
        grants, new SignerVerification(new SessionKeyRegistry(5_000)), PendingOperations.NONE,
        MARGIN_SECONDS);

    List<Agreement> agreements = judge(prevalidator);
    String summary = Agreement.summary(agreements);
    LOG.info("{} operations; pre-validator / chain per kind:\n{}", agreements.size(), summary);

    assertThat(agreements).as("operations").hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(agreements).as("no operation the chain accepts is rejected, and every rejection"
        + " has the class of the chain's failure\n%s", summary).allMatch(Agreement::consistent);
    assertThat(agreements).as("the pre-validator judges every modelled kind as the chain does"
        + "\n%s", summary).allMatch(Agreement::exact);
    // v1.0.0 lets a session call the SmartSession module only under the action (address(1),
    // 0x00000002); the modulekit build lets the generic fallback cover such calls.
    assertThat(agreements).as("calls to the module, v1.0.0 rule against the modulekit build\n%s",
            summary)
        .filteredOn(a -> a.kind().startsWith(BUILD_DIFFERENCE))
        .isNotEmpty()
        .allMatch(a -> a.verdict().rejected() && a.chain() == null);
    for (String mode : List.of("use: ", "enable: ", "unsafe enable: ")) {
      assertThat(agreements).as("%s operations the chain accepts\n%s", mode, summary)
          .anyMatch(a -> a.kind().startsWith(mode) && a.chain() == null);
      assertThat(agreements.stream().filter(a -> a.kind().startsWith(mode)).map(Agreement::chain))
          .as("%s failures of every class\n%s", mode, summary)
          .contains(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
              RejectionReason.INVALID_SIGNATURE, RejectionReason.EXPIRES_SHORTLY);
    }
  }

  /**
   * The same operations with no grant known in advance: every grant an operation in USE mode needs
   * is read from the chain by {@link SmartSessionGrantLoader}, asked by the pre-validator as
   * production wires it (on a miss, and for actions a partial grant has not read). Two passes
   * over the operations let the loads land; then each is judged against the chain. Nothing the
   * chain accepts may be rejected, every rejection must have the class of the chain's failure,
   * and a meaningful share of the USE operations must be decided in memory.
   *
   * <p>This SmartSession build answers {@code getActionPolicies} with an empty list for enabled
   * actions, so the loader finds their modelled policies one by one and cannot rule out another:
   * calls within scope stay undecided here, while violations of the policies read are rejected.
   */
  @Test
  void shouldAgreeWithTheChainOnGrantsReadFromIt() {
    SmartSessionContracts contracts = SmartSessionContracts.rhinestoneDeployments();
    GrantCache grants = new GrantCache(Ticker.systemTicker(), Duration.ofMinutes(10), 100_000);
    SmartSessionGrantLoader loader = new SmartSessionGrantLoader(new EthApi(ANVIL.client()),
        grants, contracts, Ticker.systemTicker(), Duration.ofMinutes(10), 100_000);
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    SessionKeyPrevalidator prevalidator = new SessionKeyPrevalidator(
        List.of(new KernelPermissionFormat(KernelPermissionContracts.zeroDevDeployments()),
            new SmartSessionFormat(contracts)),
        grants, new SignerVerification(new SessionKeyRegistry(5_000)), PendingOperations.NONE,
        MARGIN_SECONDS, (key, op) -> reads.add(loader.read(key, op)));
    for (int pass = 0; pass < 2; pass++) {
      for (Case c : cases()) {
        prevalidator.check(c.op(), entryPoint, ANVIL.chainId(), operations.hash(c.op()), now);
      }
      reads.forEach(CompletableFuture::join);
    }

    List<Agreement> agreements = judge(prevalidator);
    String summary = Agreement.summary(agreements);
    List<Agreement> used = agreements.stream()
        .filter(a -> a.kind().replace(LEFT, "").startsWith("use: ")).toList();
    long decided = used.stream().filter(a -> a.verdict().kind() != Verdict.Kind.UNKNOWN).count();
    LOG.info("grants read from the chain: {} of {} USE operations decided in memory; pre-validator"
        + " / chain per kind:\n{}", decided, used.size(), summary);

    assertThat(agreements).as("no operation the chain accepts is rejected, and every rejection"
        + " has the class of the chain's failure\n%s", summary).allMatch(Agreement::consistent);
    assertThat(decided).as("USE operations decided on grants read from the chain\n%s", summary)
        .isGreaterThanOrEqualTo(used.size() / 3);
    assertThat(used.stream().filter(a -> a.verdict().rejected()).map(Agreement::chain))
        .as("rejections on grants read from the chain\n%s", summary)
        .contains(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
            RejectionReason.INVALID_SIGNATURE, RejectionReason.EXPIRES_SHORTLY);
  }

  /** Every generated operation judged by {@code prevalidator} and by the chain. */
  private static List<Agreement> judge(SessionKeyPrevalidator prevalidator) {
    List<Case> cases = cases();
    List<Simulation<ValidationResult>> simulations = simulations();
    return IntStream.range(0, cases.size())
        .mapToObj(i -> Agreement.of(cases.get(i).kind(), prevalidator.check(cases.get(i).op(),
            entryPoint, ANVIL.chainId(), operations.hash(cases.get(i).op()), now),
            simulations.get(i), now, MARGIN_SECONDS))
        .toList();
  }

  /** The generated operations, the same for every test. */
  private static synchronized List<Case> cases() {
    if (cases == null) {
      cases = generate(new Random(7579), OPERATIONS);
    }
    return cases;
  }

  /** The chain's verdicts on {@link #cases()}, simulated once. */
  private static synchronized List<Simulation<ValidationResult>> simulations() {
    if (simulations == null) {
      long started = System.nanoTime();
      simulations = simulate(cases().stream().map(c -> onChain(c.op())).toList());
      LOG.info("{} operations simulated in {} ms", simulations.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return simulations;
  }

  /**
   * {@code simulateValidation} of every operation, over a client of its own that batches them;
   * each carries the EntryPointSimulations code as a state override, so batches stay small.
   */
  private static List<Simulation<ValidationResult>> simulate(List<PackedUserOperation> ops) {
    NodeClientConfig batching = new NodeClientConfig(ANVIL.chain().url(), Duration.ofMinutes(1),
        SIMULATIONS_PER_BATCH, NodeClientConfig.DEFAULT_MAX_BATCH_BYTES,
        NodeClientConfig.DEFAULT_LINGER);
    try (HttpNodeClient node = new HttpNodeClient(batching)) {
      EntryPointClient client =
          new EntryPointClient(new EthApi(node), entryPoint, new EntryPointSimulationsCode(node));
      List<CompletableFuture<Simulation<ValidationResult>>> pending = ops.stream()
          .map(op -> client.simulateValidation(op, StateOverrideSet.EMPTY))
          .toList();
      return pending.stream().map(CompletableFuture::join).toList();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The sessions.

  /** Session key 1 of 1 (EIP-191 validator), a time frame, and one action per allowed call. */
  private static Session scopedSession() {
    Policy transfer = uniAction(BigInteger.ZERO,
        ParamRule.of(NOT_EQUAL, 0, CallData.word(BANNED)),
        ParamRule.of(LESS_THAN_OR_EQUAL, 32, TRANSFER_LIMIT));
    Policy approve = uniAction(BigInteger.ZERO,
        ParamRule.of(EQUAL, 0, CallData.word(SPENDER)),
        ParamRule.of(IN_RANGE, 32, SmartSessionData.range(APPROVE_LOW, APPROVE_HIGH)));
    Policy transferFrom = uniAction(BigInteger.ZERO,
        ParamRule.of(GREATER_THAN, 0, BigInteger.ZERO),
        ParamRule.of(LESS_THAN, 32, CallData.word(RECIPIENT_BOUND)),
        ParamRule.of(GREATER_THAN_OR_EQUAL, 64, FROM_AT_LEAST));
    Policy cumulative = uniAction(BigInteger.ZERO, new ParamRule(LESS_THAN_OR_EQUAL, 32, true,
        TRANSFER_LIMIT, CUMULATIVE_LIMIT));
    Policy perUse = uniAction(VALUE_PER_USE, ParamRule.of(LESS_THAN_OR_EQUAL, 32, TRANSFER_LIMIT));
    return new Session(SmartSessionChain.OWNABLE_EIP191,
        SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(SESSION))), salt(1),
        List.of(new Policy(SmartSessionChain.TIME_FRAME_POLICY,
            SmartSessionData.timeFrame(now + 30 * 86_400, now - 86_400))),
        List.of(new Action(TRANSFER, TOKEN, List.of(transfer)),
            new Action(APPROVE, TOKEN, List.of(approve)),
            new Action(TRANSFER_FROM, TOKEN, List.of(transferFrom)),
            new Action(APPROVE, OTHER_TOKEN, List.of(cumulative)),
            new Action(TRANSFER, OTHER_TOKEN, List.of(perUse)),
            new Action(VALUE_ONLY, RECIPIENTS.get(0), List.of(new Policy(
                SmartSessionChain.VALUE_LIMIT_POLICY, SmartSessionData.valueLimit(NATIVE_LIMIT)))),
            new Action(TRANSFER, SPEND_TOKEN, List.of(spendingLimit())),
            new Action(APPROVE, SPEND_TOKEN, List.of(spendingLimit())),
            new Action(TRANSFER_FROM, SPEND_TOKEN, List.of(spendingLimit())),
            new Action(INCREASE_ALLOWANCE, SPEND_TOKEN, List.of(spendingLimit())),
            new Action(TRANSFER, UNLISTED_TOKEN, List.of(spendingLimit())),
            new Action(TRANSFER, TWICE_TOKEN, List.of(new Policy(
                SmartSessionChain.USAGE_LIMIT_POLICY, SmartSessionData.usageLimit(2))))),
        false);
  }

  private static Policy spendingLimit() {
    return new Policy(SmartSessionChain.SPENDING_LIMITS_POLICY,
        SmartSessionData.spendingLimits(List.of(SPEND_TOKEN), List.of(SPENDING_LIMIT)));
  }

  /** Two of three session keys (raw-hash validator), the generic fallback and one exact action. */
  private static Session fallbackSession() {
    return new Session(SmartSessionChain.OWNABLE_RAW, SmartSessionData.ownableInit(2,
        List.of(SmartSessionChain.address(SESSION), SmartSessionChain.address(SESSION_2),
            SmartSessionChain.address(SESSION_3))), salt(2),
        List.of(new Policy(SmartSessionChain.SUDO_POLICY, Bytes.EMPTY)),
        List.of(new Action(FALLBACK, SPECIAL, List.of(sudo())),
            new Action(TRANSFER, TOKEN, List.of(uniAction(BigInteger.ZERO,
                ParamRule.of(LESS_THAN_OR_EQUAL, 32, FALLBACK_TRANSFER_LIMIT))))),
        false);
  }

  /** Session key 1 of 1 with {@code userOpPolicy} and the generic fallback under Sudo. */
  private static Session sudoSession(int salt, Bytes userOpPolicyData) {
    Address policy = userOpPolicyData.length() == 16 ? SmartSessionChain.USAGE_LIMIT_POLICY
        : SmartSessionChain.TIME_FRAME_POLICY;
    return new Session(SmartSessionChain.OWNABLE_EIP191,
        SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(SESSION))), salt(salt),
        List.of(new Policy(policy, userOpPolicyData)),
        List.of(new Action(FALLBACK, SPECIAL, List.of(sudo()))), false);
  }

  /**
   * A session whose OwnableValidator owners are not in ascending order: the validator answers
   * false for every signature, before it even looks at the signature's length.
   */
  private static Session unsortedOwnersSession() {
    List<Address> descending = List.of(SmartSessionChain.address(SESSION),
        SmartSessionChain.address(SESSION_2)).stream()
        .sorted(Comparator.comparing((Address a) -> new BigInteger(1, a.toArray())).reversed())
        .toList();
    return new Session(SmartSessionChain.OWNABLE_EIP191,
        Abi.encode(Abi.uint(1), Abi.array(descending.stream().map(Abi::address).toList())),
        salt(8), List.of(sudo()), List.of(new Action(FALLBACK, SPECIAL, List.of(sudo()))), false);
  }

  /** A session whose transfer action carries an expired time frame. */
  private static Session actionWindowSession() {
    return new Session(SmartSessionChain.OWNABLE_EIP191,
        SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(SESSION))), salt(7),
        List.of(new Policy(SmartSessionChain.SUDO_POLICY, Bytes.EMPTY)),
        List.of(new Action(TRANSFER, TOKEN, List.of(new Policy(
            SmartSessionChain.TIME_FRAME_POLICY,
            SmartSessionData.timeFrame(now - 3_600, now - 86_400))))),
        false);
  }

  /** A session enabled inside an operation: random keys, window, scope and usage. */
  private static Session enabledSession(Random r, long validAfter, long validUntil,
      long usageLimit, ECKeyPair sessionKey) {
    boolean multi = r.nextBoolean();
    Bytes init = multi
        ? SmartSessionData.ownableInit(2, List.of(SmartSessionChain.address(sessionKey),
            SmartSessionChain.address(SESSION_2)))
        : SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(sessionKey)));
    List<Policy> userOpPolicies = new ArrayList<>();
    if (validAfter != 0 || validUntil != 0) {
      // TimeFramePolicy refuses a window of two zeros: an open session has no time frame.
      userOpPolicies.add(new Policy(SmartSessionChain.TIME_FRAME_POLICY,
          SmartSessionData.timeFrame(validUntil, validAfter)));
    }
    userOpPolicies.add(new Policy(SmartSessionChain.USAGE_LIMIT_POLICY,
        SmartSessionData.usageLimit(usageLimit)));
    return new Session(r.nextBoolean() ? SmartSessionChain.OWNABLE_EIP191
        : SmartSessionChain.OWNABLE_RAW, init, randomWord(r), userOpPolicies,
        List.of(new Action(TRANSFER, TOKEN, List.of(uniAction(BigInteger.ZERO,
                ParamRule.of(LESS_THAN_OR_EQUAL, 32, TRANSFER_LIMIT)))),
            new Action(VALUE_ONLY, RECIPIENTS.get(0), List.of(new Policy(
                SmartSessionChain.VALUE_LIMIT_POLICY, SmartSessionData.valueLimit(NATIVE_LIMIT))))),
        false);
  }

  /** One session key (raw hash) and a transfer action under UniAction with {@code config}. */
  private static Session transferOnlySession(Random r, Bytes config) {
    return new Session(SmartSessionChain.OWNABLE_RAW,
        SmartSessionData.ownableInit(1, List.of(SmartSessionChain.address(SESSION))),
        randomWord(r), List.of(), List.of(new Action(TRANSFER, TOKEN, List.of(
            new Policy(SmartSessionChain.UNI_ACTION_POLICY, config)))), false);
  }

  private static Policy uniAction(BigInteger valueLimitPerUse, ParamRule... rules) {
    return new Policy(SmartSessionChain.UNI_ACTION_POLICY,
        SmartSessionData.uniAction(valueLimitPerUse, List.of(rules)));
  }

  private static Policy sudo() {
    return new Policy(SmartSessionChain.SUDO_POLICY, Bytes.EMPTY);
  }

  // ---------------------------------------------------------------------------------------------
  // The generated operations.

  /** {@code count} operations, the kinds in turn. */
  private static List<Case> generate(Random random, int count) {
    List<Map.Entry<String, Function<Random, PackedUserOperation>>> kinds =
        List.copyOf(kinds().entrySet());
    return IntStream.range(0, count)
        .mapToObj(i -> kinds.get(i % kinds.size()))
        .map(kind -> new Case(kind.getKey(), kind.getValue().apply(random)))
        .toList();
  }

  private static Map<String, Function<Random, PackedUserOperation>> kinds() {
    Map<String, Function<Random, PackedUserOperation>> kinds = new TreeMap<>();
    useKinds(kinds);
    enableKinds(kinds, ENABLE, "enable: ");
    enableKinds(kinds, UNSAFE_ENABLE, "unsafe enable: ");
    return kinds;
  }

  private static void useKinds(Map<String, Function<Random, PackedUserOperation>> kinds) {
    Session scoped = installed.get("scoped");
    Session fallback = installed.get("fallback");
    // Within the scoped session.
    kinds.put("use: valid transfer", r -> scoped(validTransfer(r)));
    kinds.put("use: valid approve (EQUAL, IN_RANGE)", r -> scoped(approve(TOKEN, SPENDER,
        between(r, APPROVE_LOW, APPROVE_HIGH))));
    kinds.put("use: valid transferFrom (GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL)",
        r -> scoped(single(TOKEN, BigInteger.ZERO, transferFrom(RECIPIENTS.get(r.nextInt(3)),
            RECIPIENTS.get(r.nextInt(3)), atLeast(r, FROM_AT_LEAST)))));
    kinds.put("use: valid approve within the cumulative limit", r -> scoped(
        approve(OTHER_TOKEN, SPENDER, upTo(r, CUMULATIVE_LIMIT))));
    kinds.put("use: valid transfer with value within the per-use limit", r -> scoped(single(
        OTHER_TOKEN, upTo(r, VALUE_PER_USE), transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    kinds.put("use: valid native transfer within the value limit",
        r -> scoped(single(RECIPIENTS.get(0), upTo(r, NATIVE_LIMIT), Bytes.EMPTY)));
    kinds.put("use: valid batch", r -> scoped(CallData.batch(validCalls(r, 2 + r.nextInt(3)))));
    kinds.put("use: valid, signature with v above 30 (EIP-191 branch)", r -> {
      PackedUserOperation op = unsignedUse(validTransfer(r));
      byte[] signed = ethSigned(ethSigned(operations.hash(op).toArray()));
      return op.withSignature(SmartSessionData.useSignature(scoped.permissionId(),
          plusFour(KernelOperations.signature(signed, SESSION, SignatureStyle.RAW))));
    });
    kinds.put("use: valid, high-s signature", r -> {
      PackedUserOperation op = unsignedUse(validTransfer(r));
      return op.withSignature(SmartSessionData.useSignature(scoped.permissionId(),
          KernelOperations.signature(operations.hash(op).toArray(), SESSION,
              SignatureStyle.HIGH_S)));
    });
    kinds.put("use: valid, bytes after the signatures", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      return valid.withSignature(Bytes.concat(valid.signature(), randomBytes(r)));
    });
    // Out of the scoped session's scope.
    kinds.put("use: target without an action or fallback", r -> scoped(single(randomAddress(r),
        BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    kinds.put("use: selector without an action", r -> scoped(single(TOKEN, BigInteger.ZERO,
        CallData.call(MINT, CallData.word(account), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("use: transfer to the banned recipient (NOT_EQUAL)", r -> scoped(single(TOKEN,
        BigInteger.ZERO, transfer(BANNED, upTo(r, TRANSFER_LIMIT)))));
    kinds.put("use: transfer over the limit (LESS_THAN_OR_EQUAL)", r -> scoped(single(TOKEN,
        BigInteger.ZERO, transfer(RECIPIENTS.get(0), over(r, TRANSFER_LIMIT)))));
    kinds.put("use: approve to another spender (EQUAL)", r -> scoped(approve(TOKEN,
        randomAddress(r), between(r, APPROVE_LOW, APPROVE_HIGH))));
    kinds.put("use: approve below the range (IN_RANGE)",
        r -> scoped(approve(TOKEN, SPENDER, below(r, APPROVE_LOW))));
    kinds.put("use: approve above the range (IN_RANGE)",
        r -> scoped(approve(TOKEN, SPENDER, over(r, APPROVE_HIGH))));
    kinds.put("use: transferFrom the zero address (GREATER_THAN)", r -> scoped(single(TOKEN,
        BigInteger.ZERO, transferFrom(Address.ZERO, RECIPIENTS.get(0), atLeast(r, FROM_AT_LEAST)))));
    kinds.put("use: transferFrom to a recipient not below the bound (LESS_THAN)",
        r -> scoped(single(TOKEN, BigInteger.ZERO, transferFrom(RECIPIENTS.get(0),
            r.nextBoolean() ? RECIPIENT_BOUND : randomAddress(r), atLeast(r, FROM_AT_LEAST)))));
    kinds.put("use: transferFrom amount below the bound (GREATER_THAN_OR_EQUAL)",
        r -> scoped(single(TOKEN, BigInteger.ZERO, transferFrom(RECIPIENTS.get(0),
            RECIPIENTS.get(1), below(r, FROM_AT_LEAST)))));
    kinds.put("use: approve over the cumulative limit in one call",
        r -> scoped(approve(OTHER_TOKEN, SPENDER, over(r, CUMULATIVE_LIMIT))));
    kinds.put("use: approves summing over the cumulative limit in a batch", r -> {
      BigInteger first = CUMULATIVE_LIMIT.shiftRight(1).add(upTo(r, BigInteger.valueOf(400)));
      BigInteger second = CUMULATIVE_LIMIT.subtract(first).add(BigInteger.ONE)
          .add(upTo(r, BigInteger.valueOf(100)));
      return scoped(CallData.batch(approveCall(OTHER_TOKEN, first),
          approveCall(OTHER_TOKEN, second)));
    });
    kinds.put("use: native transfer over the value limit",
        r -> scoped(single(RECIPIENTS.get(0), over(r, NATIVE_LIMIT), Bytes.EMPTY)));
    kinds.put("use: native transfers summing over the value limit in a batch", r -> {
      BigInteger first = NATIVE_LIMIT.shiftRight(1).add(upTo(r, NATIVE_LIMIT.shiftRight(2)));
      return scoped(CallData.batch(
          new Call(CallType.CALL, RECIPIENTS.get(0), first, Bytes.EMPTY),
          new Call(CallType.CALL, RECIPIENTS.get(0), NATIVE_LIMIT.subtract(first)
              .add(BigInteger.ONE), Bytes.EMPTY)));
    });
    kinds.put("use: value over the per-use limit", r -> scoped(single(OTHER_TOKEN,
        over(r, VALUE_PER_USE), transfer(RECIPIENTS.get(0), BigInteger.ONE))));
    kinds.put("use: call data too short for the rule's argument", r -> scoped(single(TOKEN,
        BigInteger.ZERO, CallData.call(TRANSFER, CallData.word(RECIPIENTS.get(0))))));
    kinds.put("use: batch with one bad call", r -> {
      Call bad = tokenCall(TOKEN, transfer(RECIPIENTS.get(0), over(r, TRANSFER_LIMIT)));
      List<Call> calls = new ArrayList<>(List.of(validCalls(r, 1 + r.nextInt(3))));
      calls.add(r.nextInt(calls.size() + 1), bad);
      return scoped(CallData.batch(calls.toArray(Call[]::new)));
    });
    kinds.put("use: empty batch", r -> scoped(CallData.batch()));
    kinds.put("use: delegatecall", r -> scoped(
        CallData.delegate(TOKEN, transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT)))));
    kinds.put("use: try exec type", r -> scoped(CallData.execute(0x00, 0x01, Bytes.concat(
        TOKEN.toBytes(), Bytes.wrap(new byte[32]), transfer(RECIPIENTS.get(0), BigInteger.ONE)))));
    kinds.put("use: call data not execute", r -> scoped(transfer(RECIPIENTS.get(0),
        upTo(r, TRANSFER_LIMIT))));
    kinds.put("use: call data shorter than a selector",
        r -> scoped(Bytes.fromHex("0xe9ae5c").slice(0, 1 + r.nextInt(2))));
    // ERC-20 spending limits: each (token, selector) action keeps its own budget.
    kinds.put("use: valid token spending within the limit", r -> scoped(single(SPEND_TOKEN,
        BigInteger.ZERO, spending(r, upTo(r, SPENDING_LIMIT)))));
    kinds.put("use: valid spending by two actions, each within its own budget", r -> {
      BigInteger amount = between(r, SPENDING_LIMIT.shiftRight(1), SPENDING_LIMIT);
      return scoped(CallData.batch(tokenCall(SPEND_TOKEN, transfer(RECIPIENTS.get(0), amount)),
          approveCall(SPEND_TOKEN, amount)));
    });
    kinds.put("use: valid transferFrom to the account itself, spending nothing",
        r -> scoped(single(SPEND_TOKEN, BigInteger.ZERO, transferFrom(RECIPIENTS.get(0), account,
            over(r, SPENDING_LIMIT)))));
    kinds.put("use: valid zero transfer of a token without a limit", r -> scoped(single(
        UNLISTED_TOKEN, BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ZERO))));
    kinds.put("use: token spending over the limit", r -> scoped(single(SPEND_TOKEN,
        BigInteger.ZERO, spending(r, over(r, SPENDING_LIMIT)))));
    kinds.put("use: transfers summing over the spending limit in a batch", r -> {
      BigInteger first = between(r, SPENDING_LIMIT.shiftRight(1), SPENDING_LIMIT);
      BigInteger rest = SPENDING_LIMIT.subtract(first);
      return scoped(CallData.batch(tokenCall(SPEND_TOKEN, transfer(RECIPIENTS.get(0), first)),
          tokenCall(SPEND_TOKEN, transfer(RECIPIENTS.get(1), over(r, rest)))));
    });
    kinds.put("use: token spending with native value", r -> scoped(single(SPEND_TOKEN,
        BigInteger.ONE.add(upTo(r, BigInteger.TEN)), spending(r, upTo(r, SPENDING_LIMIT)))));
    kinds.put("use: transfer of a token without a limit", r -> scoped(single(UNLISTED_TOKEN,
        BigInteger.ZERO, transfer(RECIPIENTS.get(0), BigInteger.ONE.add(upTo(r, SPENDING_LIMIT))))));
    kinds.put("use: valid two uses of a two-use action in a batch", r -> scoped(CallData.batch(
        tokenCall(TWICE_TOKEN, transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT))),
        tokenCall(TWICE_TOKEN, transfer(RECIPIENTS.get(1), upTo(r, TRANSFER_LIMIT))))));
    kinds.put("use: three uses of a two-use action in a batch", r -> scoped(CallData.batch(
        tokenCall(TWICE_TOKEN, transfer(RECIPIENTS.get(0), upTo(r, TRANSFER_LIMIT))),
        tokenCall(TWICE_TOKEN, transfer(RECIPIENTS.get(1), upTo(r, TRANSFER_LIMIT))),
        tokenCall(TWICE_TOKEN, transfer(RECIPIENTS.get(2), upTo(r, TRANSFER_LIMIT))))));
    kinds.put("use: valid native transfer with fewer than four bytes of data",
        r -> scoped(single(RECIPIENTS.get(0), upTo(r, NATIVE_LIMIT),
            Bytes.wrap(draw(r, 1 + r.nextInt(3))))));
    // The fallback session (two of three keys, raw-hash validator).
    kinds.put("use: fallback, valid call anywhere", r -> fallback(single(randomAddress(r),
        upTo(r, BigInteger.valueOf(1_000)), randomBytes(r)), r));
    kinds.put("use: fallback, valid transfer under the exact action",
        r -> fallback(fallbackTransfer(r), r));
    kinds.put("use: fallback, transfer over the exact action's limit", r -> fallback(single(TOKEN,
        BigInteger.ZERO, transfer(randomAddress(r), over(r, FALLBACK_TRANSFER_LIMIT))), r));
    kinds.put("use: fallback, execute on the account itself", r -> fallback(single(account,
        BigInteger.ZERO, validTransfer(r)), r));
    kinds.put(BUILD_DIFFERENCE + "use: fallback, call to the SmartSession module",
        r -> fallback(single(
        SmartSessionChain.SMART_SESSION, BigInteger.ZERO,
        Abi.call("removeSession(bytes32)", new Abi.Word(fallback.permissionId()))), r));
    kinds.put("use: fallback, call to address(1)", r -> fallback(single(SPECIAL,
        BigInteger.ZERO, randomBytes(r)), r));
    kinds.put("use: fallback, only one of two keys", r -> {
      PackedUserOperation op = unsignedUse(fallbackTransfer(r));
      byte[] hash = operations.hash(op).toArray();
      return op.withSignature(SmartSessionData.useSignature(fallback.permissionId(), Bytes.concat(
          KernelOperations.signature(hash, SESSION, SignatureStyle.RAW),
          KernelOperations.signature(hash, STRANGER, SignatureStyle.RAW))));
    });
    kinds.put("use: fallback, the same key twice", r -> {
      PackedUserOperation op = unsignedUse(fallbackTransfer(r));
      Bytes one = KernelOperations.signature(operations.hash(op).toArray(), SESSION_2,
          SignatureStyle.RAW);
      return op.withSignature(
          SmartSessionData.useSignature(fallback.permissionId(), Bytes.concat(one, one)));
    });
    kinds.put("use: fallback, fewer bytes than two signatures", r -> {
      PackedUserOperation valid = fallback(fallbackTransfer(r), r);
      return valid.withSignature(valid.signature().slice(0, 33 + 65 + r.nextInt(65)));
    });
    kinds.put("use: fallback, valid, signature with v above 30", r -> {
      PackedUserOperation op = unsignedUse(fallbackTransfer(r));
      byte[] hash = operations.hash(op).toArray();
      return op.withSignature(SmartSessionData.useSignature(fallback.permissionId(), Bytes.concat(
          plusFour(KernelOperations.signature(hash, SESSION, SignatureStyle.EIP191)),
          KernelOperations.signature(hash, SESSION_3, SignatureStyle.RAW))));
    });
    // Session state: windows, uses, removal.
    kinds.put("use: session expired (TimeFrame)",
        r -> useOp(installed.get("expired"), validTransfer(r)));
    kinds.put("use: session not valid yet (TimeFrame)",
        r -> useOp(installed.get("not yet valid"), validTransfer(r)));
    kinds.put("use: action time frame expired",
        r -> useOp(installed.get("action window expired"), validTransfer(r)));
    kinds.put("use: usage limit used up", r -> useOp(installed.get("used up"), validTransfer(r)));
    kinds.put("use: removed session", r -> useOp(installed.get("removed"), validTransfer(r)));
    kinds.put(LEFT + "use: owners out of order, signed by an owner",
        r -> useOp(installed.get("owners out of order"), validTransfer(r)));
    kinds.put(LEFT + "use: owners out of order, signature shorter than 65 bytes", r -> {
      PackedUserOperation valid = useOp(installed.get("owners out of order"), validTransfer(r));
      return valid.withSignature(valid.signature().slice(0, 33 + r.nextInt(65)));
    });
    // Kernel's nonce type 0x00 with SmartSession's address after it, as module-sdk 0.4.0 encodes
    // a Kernel validator nonce: Kernel v3.1 validates it with its root validator, so these are
    // root operations, whatever their signature holds.
    BigInteger rootType = SmartSessionChain.nonce(0, 0).subtract(BigInteger.ONE.shiftLeft(240));
    kinds.put(NOT_A_SESSION + "root-type nonce, signed by the account's owner", r -> {
      PackedUserOperation op = KernelOperations.unsigned(account, rootType, validTransfer(r));
      return op.withSignature(operations.sign(op, OWNER, SignatureStyle.EIP191));
    });
    kinds.put(NOT_A_SESSION + "root-type nonce, a valid session signature",
        r -> useOp(scoped, rootType, validTransfer(r), SESSION));
    kinds.put(NOT_A_SESSION + "root-type nonce, signed by another key",
        r -> useOp(scoped, rootType, validTransfer(r), STRANGER));
    kinds.put(NOT_A_SESSION + "root-type nonce, session expired",
        r -> useOp(installed.get("expired"), rootType, validTransfer(r), SESSION));
    kinds.put(LEFT + "use: permission never enabled", r -> useOp(sudoSession(1_000 + r.nextInt(
        1_000), SmartSessionData.timeFrame(0, now - 60)), validTransfer(r)));
    // Signatures.
    kinds.put("use: signed by another key",
        r -> useOp(scoped, SmartSessionChain.nonce(0, 0), validTransfer(r), STRANGER));
    kinds.put("use: signature over another hash", r -> unsignedUse(validTransfer(r))
        .withSignature(SmartSessionData.useSignature(scoped.permissionId(),
            KernelOperations.signature(randomWord(r).toArray(), SESSION, SignatureStyle.EIP191))));
    kinds.put("use: signature with v out of range", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      return valid.withSignature(withByte(valid.signature(), 33 + 64,
          new int[] {1, 26, 29, 30}[r.nextInt(4)]));
    });
    kinds.put("use: signature with r zero", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      Bytes signature = valid.signature();
      return valid.withSignature(Bytes.concat(signature.slice(0, 33), Bytes.wrap(new byte[32]),
          signature.slice(65, signature.length())));
    });
    kinds.put("use: signature shorter than 65 bytes", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      return valid.withSignature(valid.signature().slice(0, 33 + r.nextInt(65)));
    });
    kinds.put("use: empty signature", r -> scoped(validTransfer(r)).withSignature(Bytes.EMPTY));
    kinds.put("use: signature shorter than the permission id", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      return valid.withSignature(valid.signature().slice(0, 1 + r.nextInt(32)));
    });
    kinds.put("use: unknown mode byte", r -> {
      PackedUserOperation valid = scoped(validTransfer(r));
      return valid.withSignature(withByte(valid.signature(), 0, 3 + r.nextInt(253)));
    });
    kinds.put(LEFT + "use: raw-hash signature on the EIP-191 validator", r -> {
      PackedUserOperation op = unsignedUse(validTransfer(r));
      return op.withSignature(SmartSessionData.useSignature(scoped.permissionId(),
          KernelOperations.signature(operations.hash(op).toArray(), SESSION,
              SignatureStyle.RAW)));
    });
    kinds.put(LEFT + "use: EIP-191 signatures on the raw-hash validator", r -> {
      PackedUserOperation op = unsignedUse(fallbackTransfer(r));
      byte[] hash = operations.hash(op).toArray();
      return op.withSignature(SmartSessionData.useSignature(fallback.permissionId(), Bytes.concat(
          KernelOperations.signature(hash, SESSION, SignatureStyle.EIP191),
          KernelOperations.signature(hash, SESSION_2, SignatureStyle.EIP191))));
    });
  }

  private static void enableKinds(Map<String, Function<Random, PackedUserOperation>> kinds,
      int mode, String prefix) {
    kinds.put(prefix + "valid", r -> enabled(mode, enabledSession(r, now - hours(r),
        now + hours(r), 1 + r.nextInt(3), SESSION), validTransfer(r), SESSION));
    kinds.put(prefix + "valid, open-ended window", r -> enabled(mode, enabledSession(r, 0,
        0, 1 + r.nextInt(3), SESSION), single(RECIPIENTS.get(0), upTo(r, NATIVE_LIMIT),
        Bytes.EMPTY), SESSION));
    kinds.put(prefix + "valid, no end (validUntil 0)", r -> enabled(mode, enabledSession(r,
        now - hours(r), 0, 1, SESSION), validTransfer(r), SESSION));
    kinds.put(prefix + "no end, not open yet", r -> enabled(mode, enabledSession(r,
        now + hours(r), 0, 1, SESSION), validTransfer(r), SESSION));
    kinds.put(prefix + "window expired", r -> enabled(mode, enabledSession(r,
        now - 2 * 86_400, now - hours(r), 1, SESSION), validTransfer(r), SESSION));
    kinds.put(prefix + "window not open yet", r -> enabled(mode, enabledSession(r,
        now + hours(r), now + 86_400 + hours(r), 1, SESSION), validTransfer(r), SESSION));
    kinds.put(prefix + "out of scope", r -> enabled(mode, enabledSession(r, 0, 0, 1, SESSION),
        single(TOKEN, BigInteger.ZERO, transfer(RECIPIENTS.get(1), over(r, TRANSFER_LIMIT))),
        SESSION));
    kinds.put(prefix + "native value over the limit", r -> enabled(mode,
        enabledSession(r, 0, 0, 1, SESSION),
        single(RECIPIENTS.get(0), over(r, NATIVE_LIMIT), Bytes.EMPTY), SESSION));
    kinds.put(prefix + "no uses", r -> enabled(mode, enabledSession(r, 0, 0, 0, SESSION),
        validTransfer(r), SESSION));
    kinds.put(prefix + "signed by another key", r -> enabled(mode,
        enabledSession(r, 0, 0, 1, SESSION), validTransfer(r), STRANGER));
    kinds.put(prefix + "expired and signed by another key", r -> enabled(mode,
        enabledSession(r, 0, now - hours(r), 1, SESSION), validTransfer(r), STRANGER));
    kinds.put(prefix + "digest for another chain", r -> {
      Session session = enabledSession(r, 0, 0, 1, SESSION);
      Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION, mode,
          BigInteger.ZERO);
      return enabledWith(mode, session, 0, List.of(new ChainDigest(ANVIL.chainId() + 1, digest)),
          validTransfer(r), SESSION, OWNER);
    });
    kinds.put(prefix + "chain digest index out of range", r -> {
      Session session = enabledSession(r, 0, 0, 1, SESSION);
      Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION, mode,
          BigInteger.ZERO);
      return enabledWith(mode, session, 1 + r.nextInt(3),
          List.of(new ChainDigest(ANVIL.chainId(), digest)), validTransfer(r), SESSION, OWNER);
    });
    kinds.put(prefix + "valid, digests of two chains", r -> {
      Session session = enabledSession(r, 0, 0, 1, SESSION);
      Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION, mode,
          BigInteger.ZERO);
      return enabledWith(mode, session, 1, List.of(new ChainDigest(10, randomWord(r)),
          new ChainDigest(ANVIL.chainId(), digest)), validTransfer(r), SESSION, OWNER);
    });
    kinds.put(prefix + "valid, payload cut inside the signature's zero padding", r -> {
      // The payload ends in the 30 or more zero bytes padding the session signatures (65 or 130
      // bytes), in one literal run: the decompressor reads the cut bytes as the zeros they were.
      PackedUserOperation valid = enabled(mode, enabledSession(r, 0, 0, 1, SESSION),
          validTransfer(r), SESSION);
      Bytes signature = valid.signature();
      return valid.withSignature(signature.slice(0, signature.length() - 1 - r.nextInt(30)));
    });
    kinds.put(prefix + "truncated payload", r -> {
      PackedUserOperation valid = enabled(mode, enabledSession(r, 0, 0, 1, SESSION),
          validTransfer(r), SESSION);
      Bytes signature = valid.signature();
      return valid.withSignature(signature.slice(0, 1 + r.nextInt(signature.length() - 1)));
    });
    kinds.put(LEFT + prefix + "UniAction declaring no rules", r -> enabled(mode,
        transferOnlySession(r, SmartSessionData.uniAction(BigInteger.ZERO, 0, List.of())),
        validTransfer(r), SESSION));
    kinds.put(LEFT + prefix + "UniAction declaring more than sixteen rules", r -> enabled(mode,
        transferOnlySession(r, SmartSessionData.uniAction(BigInteger.ZERO, 17,
            List.of(ParamRule.of(LESS_THAN_OR_EQUAL, 32, TRANSFER_LIMIT)))),
        validTransfer(r), SESSION));
    kinds.put(LEFT + prefix + "approved by another key", r -> {
      Session session = enabledSession(r, 0, 0, 1, SESSION);
      Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION, mode,
          BigInteger.ZERO);
      return enabledWith(mode, session, 0, List.of(new ChainDigest(ANVIL.chainId(), digest)),
          validTransfer(r), SESSION, STRANGER);
    });
    kinds.put(LEFT + prefix + "digest of the other mode", r -> {
      Session session = enabledSession(r, 0, 0, 1, SESSION);
      Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION,
          mode == ENABLE ? UNSAFE_ENABLE : ENABLE, BigInteger.ZERO);
      return enabledWith(mode, session, 0, List.of(new ChainDigest(ANVIL.chainId(), digest)),
          validTransfer(r), SESSION, OWNER);
    });
  }

  /**
   * {@code op} as the chain's SmartSession build reads it: USE signatures in its pre-v1.0.0
   * envelope. The userOpHash does not cover the signature, so the chain judges the same call data,
   * session signature and session state the pre-validator judged.
   */
  private static PackedUserOperation onChain(PackedUserOperation op) {
    return op.withSignature(SmartSessionData.prereleaseEnvelope(op.signature()));
  }

  private static PackedUserOperation scoped(Bytes callData) {
    return useOp(installed.get("scoped"), callData);
  }

  private static PackedUserOperation useOp(Session session, Bytes callData) {
    return useOp(session, SmartSessionChain.nonce(0, 0), callData, SESSION);
  }

  /** A USE operation signed by {@code key} as the session's validator expects. */
  private static PackedUserOperation useOp(Session session, BigInteger nonce, Bytes callData,
      ECKeyPair key) {
    PackedUserOperation op = KernelOperations.unsigned(account, nonce, callData);
    return op.withSignature(SmartSessionData.useSignature(session.permissionId(),
        sign(session.validator(), operations.hash(op).toArray(), key)));
  }

  /** A fallback-session operation signed by two of its three keys, in either order. */
  private static PackedUserOperation fallback(Bytes callData, Random r) {
    PackedUserOperation op = unsignedUse(callData);
    byte[] hash = operations.hash(op).toArray();
    List<ECKeyPair> keys = new ArrayList<>(List.of(SESSION, SESSION_2, SESSION_3));
    keys.remove(r.nextInt(3));
    if (r.nextBoolean()) {
      keys = keys.reversed();
    }
    return op.withSignature(SmartSessionData.useSignature(
        installed.get("fallback").permissionId(),
        Bytes.concat(KernelOperations.signature(hash, keys.get(0), SignatureStyle.RAW),
            KernelOperations.signature(hash, keys.get(1), SignatureStyle.RAW))));
  }

  private static PackedUserOperation unsignedUse(Bytes callData) {
    return KernelOperations.unsigned(account, SmartSessionChain.nonce(0, 0), callData);
  }

  private static PackedUserOperation enabled(int mode, Session session, Bytes callData,
      ECKeyPair sessionKey) {
    Bytes32 digest = session.digest(account, SmartSessionChain.SMART_SESSION, mode,
        BigInteger.ZERO);
    return enabledWith(mode, session, 0, List.of(new ChainDigest(ANVIL.chainId(), digest)),
        callData, sessionKey, OWNER);
  }

  /**
   * An enable-mode operation: {@code approver} signs the multichain digest of {@code digests} for
   * the account; {@code sessionKey} (with SESSION_2 as a second key when the session wants two)
   * signs the operation.
   */
  private static PackedUserOperation enabledWith(int mode, Session session, int chainIndex,
      List<ChainDigest> digests, Bytes callData, ECKeyPair sessionKey, ECKeyPair approver) {
    PackedUserOperation op = unsignedUse(callData);
    byte[] hash = operations.hash(op).toArray();
    Bytes validatorSignature = sign(session.validator(), hash, sessionKey);
    if (AbiReader.of(session.validatorInit()).uintAsLong(0) == 2) {
      validatorSignature = Bytes.concat(validatorSignature,
          sign(session.validator(), hash, SESSION_2));
    }
    Bytes enableSig = chain.permissionEnableSig(account, approver,
        SmartSessionData.multichainDigest(digests));
    return op.withSignature(SmartSessionData.enableSignature(mode, chainIndex, digests, session,
        enableSig, validatorSignature));
  }

  /** {@code key}'s 65-byte signature as {@code validator} checks it. */
  private static Bytes sign(Address validator, byte[] hash, ECKeyPair key) {
    return KernelOperations.signature(hash, key,
        validator.equals(SmartSessionChain.OWNABLE_EIP191) ? SignatureStyle.EIP191
            : SignatureStyle.RAW);
  }

  // ---------------------------------------------------------------------------------------------
  // Calls.

  /** A transfer within the fallback session's exact transfer action. */
  private static Bytes fallbackTransfer(Random r) {
    return transferOf(TOKEN, randomAddress(r), upTo(r, FALLBACK_TRANSFER_LIMIT));
  }

  private static Bytes validTransfer(Random r) {
    return transferOf(TOKEN, RECIPIENTS.get(r.nextInt(3)), upTo(r, TRANSFER_LIMIT));
  }

  /** One call of {@code token}'s transfer. */
  private static Bytes transferOf(Address token, Address to, BigInteger amount) {
    return single(token, BigInteger.ZERO, transfer(to, amount));
  }

  /** {@code count} calls within the scoped session, their shared budgets split between them. */
  private static Call[] validCalls(Random r, int count) {
    BigInteger share = BigInteger.valueOf(count);
    List<Function<Random, Call>> choices = List.of(
        c -> tokenCall(TOKEN, transfer(RECIPIENTS.get(c.nextInt(3)), upTo(c, TRANSFER_LIMIT))),
        c -> approveCall(TOKEN, between(c, APPROVE_LOW, APPROVE_HIGH)),
        c -> new Call(CallType.CALL, RECIPIENTS.get(0), upTo(c, NATIVE_LIMIT.divide(share)),
            Bytes.EMPTY),
        c -> approveCall(OTHER_TOKEN, upTo(c, CUMULATIVE_LIMIT.divide(share))));
    return IntStream.range(0, count).mapToObj(i -> choices.get(r.nextInt(4)).apply(r))
        .toArray(Call[]::new);
  }

  private static Call tokenCall(Address token, Bytes data) {
    return new Call(CallType.CALL, token, BigInteger.ZERO, data);
  }

  /** transfer, approve, transferFrom or increaseAllowance of {@code amount}. */
  private static Bytes spending(Random r, BigInteger amount) {
    return switch (r.nextInt(4)) {
      case 0 -> transfer(RECIPIENTS.get(r.nextInt(3)), amount);
      case 1 -> CallData.call(APPROVE, CallData.word(SPENDER), amount);
      case 2 -> transferFrom(RECIPIENTS.get(0), RECIPIENTS.get(1), amount);
      default -> CallData.call(INCREASE_ALLOWANCE, CallData.word(SPENDER), amount);
    };
  }

  private static Call approveCall(Address token, BigInteger amount) {
    return new Call(CallType.CALL, token, BigInteger.ZERO,
        CallData.call(APPROVE, CallData.word(SPENDER), amount));
  }

  private static Bytes single(Address target, BigInteger value, Bytes data) {
    return CallData.single(target, value, data);
  }

  private static Bytes transfer(Address to, BigInteger amount) {
    return CallData.call(TRANSFER, CallData.word(to), amount);
  }

  private static Bytes approve(Address token, Address spender, BigInteger amount) {
    return single(token, BigInteger.ZERO, CallData.call(APPROVE, CallData.word(spender), amount));
  }

  private static Bytes transferFrom(Address from, Address to, BigInteger amount) {
    return CallData.call(TRANSFER_FROM, CallData.word(from), CallData.word(to), amount);
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers.

  private static GrantKey key(Bytes32 permissionId) {
    return new GrantKey(ANVIL.chainId(), entryPoint.address(), account,
        SmartSessionChain.SMART_SESSION, Bytes.wrap(permissionId.toArray()));
  }

  private static Bytes32 salt(int n) {
    return Bytes32.fromUint(BigInteger.valueOf(n));
  }

  private static byte[] ethSigned(byte[] hash) {
    return SmartSessionData.keccak(Bytes.concat(Bytes.wrap(
        "\u0019Ethereum Signed Message:\n32".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        Bytes.wrap(hash))).toArray();
  }

  /** A 65-byte signature with v raised by 4: OwnableValidator's EIP-191 branch. */
  private static Bytes plusFour(Bytes signature) {
    return withByte(signature, 64, (signature.get(64) & 0xff) + 4);
  }

  private static Bytes withByte(Bytes bytes, int index, int value) {
    byte[] copy = bytes.toArray();
    copy[index] = (byte) value;
    return Bytes.wrap(copy);
  }

  private static long hours(Random r) {
    return 3_600L * (1 + r.nextInt(48));
  }

  /** Uniform in [low, high]. */
  private static BigInteger between(Random r, BigInteger low, BigInteger high) {
    BigInteger span = high.subtract(low).add(BigInteger.ONE);
    return low.add(new BigInteger(span.bitLength() + 8, r).mod(span));
  }

  private static BigInteger upTo(Random r, BigInteger limit) {
    return between(r, BigInteger.ZERO, limit);
  }

  private static BigInteger below(Random r, BigInteger bound) {
    return between(r, BigInteger.ZERO, bound.subtract(BigInteger.ONE));
  }

  private static BigInteger over(Random r, BigInteger limit) {
    return between(r, limit.add(BigInteger.ONE), limit.shiftLeft(1).add(BigInteger.ONE));
  }

  private static BigInteger atLeast(Random r, BigInteger bound) {
    return between(r, bound, bound.multiply(BigInteger.valueOf(11)));
  }

  private static byte[] draw(Random r, int length) {
    byte[] raw = new byte[length];
    r.nextBytes(raw);
    return raw;
  }

  /** A random address at or above 0x10…, clear of the precompiles and the test's addresses. */
  private static Address randomAddress(Random r) {
    byte[] raw = draw(r, 20);
    raw[0] |= 0x10;
    return Address.of(raw);
  }

  private static Bytes randomBytes(Random r) {
    return Bytes.wrap(draw(r, r.nextInt(40)));
  }

  private static Bytes32 randomWord(Random r) {
    return Bytes32.of(draw(r, 32));
  }

  /** A test address from its low two bytes. */
  private static Address numbered(int low) {
    byte[] raw = new byte[20];
    raw[18] = (byte) (low >>> 8);
    raw[19] = (byte) low;
    return Address.of(raw);
  }

  /** A test token, 0x7e57…0n. */
  private static Address token(int n) {
    byte[] raw = new byte[20];
    raw[0] = 0x7e;
    raw[1] = 0x57;
    raw[19] = (byte) n;
    return Address.of(raw);
  }

  private static ECKeyPair keyPair(long secret) {
    return ECKeyPair.create(BigInteger.valueOf(secret));
  }
}
