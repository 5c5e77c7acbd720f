package io.seed.bundler.core.sessionkey.smartsessions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.GrantLoader;
import io.seed.bundler.core.sessionkey.PaymasterRule;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.ValidityWindow;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a Smart Sessions grant from the SmartSession module's and its policies' view getters,
 * for a session enabled on chain without the bundler seeing it. Two rounds of {@code eth_call}s,
 * each issued together so the node client batches them:
 *
 * <ol>
 *   <li>SmartSession: {@code isPermissionEnabled(permissionId, account)} (false caches the key as
 *       disabled), {@code getSessionValidatorAndConfig} (the signer, OwnableValidator's threshold
 *       and owners), {@code getUserOpPolicies}, {@code getEnabledActions} and {@code
 *       getActionPolicies} for the actions the operation's calls need, the generic fallback
 *       action and the module-call action; action ids as {@code IdLib} computes them.
 *   <li>Each enabled policy's configuration and current counters ({@link
 *       SmartSessionPolicyReader}).
 * </ol>
 *
 * <p>An enabled action whose {@code getActionPolicies} answers no policy (modulekit 0.5.9's
 * SmartSession build answers every action so, though {@code isActionPolicyEnabled} confirms its
 * policies) is probed with {@code isActionPolicyEnabled} for every modelled policy, a third round:
 * the policies found judge its calls, and an opaque rule stands for any other policy that may be
 * enabled beside them, so such calls are rejected on a violation and otherwise left to simulation.
 *
 * <p>The module cannot list its actions, so the grant's {@link PermissionTree} is partial: it
 * judges only the actions read, and a later operation calling another one is left to simulation
 * and loads again, extending the cached tree. When the ids of the actions read cover every id
 * {@code getEnabledActions} lists, the tree is complete. SmartSession offers no getter for a
 * session's {@code permitERC4337Paymaster}, so operations with a paymaster stay undecided ({@link
 * PaymasterRule.Unread}). A grant from enable data or an observed install is complete and never
 * replaced; a result that an observed change may have outdated is dropped ({@link
 * GrantCache#putUnlessChanged}). One key with one set of missing actions is loaded at most once
 * per reload interval.
 */
public final class SmartSessionGrantLoader implements GrantLoader {
  private static final Logger LOG = LoggerFactory.getLogger(SmartSessionGrantLoader.class);
  private static final Bytes IS_PERMISSION_ENABLED = Bytes.fromHex("0xadbc532f");
  private static final Bytes GET_SESSION_VALIDATOR_AND_CONFIG = Bytes.fromHex("0x496c8a91");
  private static final Bytes GET_USER_OP_POLICIES = Bytes.fromHex("0x44d1628c");
  private static final Bytes GET_ENABLED_ACTIONS = Bytes.fromHex("0xa9fa4b44");
  private static final Bytes GET_ACTION_POLICIES = Bytes.fromHex("0xd527ed6e");
  private static final Bytes IS_ACTION_POLICY_ENABLED = Bytes.fromHex("0x09e5aef8");
  private static final CallKey FALLBACK = new CallKey(CallType.CALL,
      SessionDecoder.SPECIAL_TARGET, SessionDecoder.FALLBACK_SELECTOR);
  private static final CallKey MODULE_CALL = new CallKey(CallType.CALL,
      SessionDecoder.SPECIAL_TARGET, SessionDecoder.MODULE_CALL_SELECTOR);
  private static final PaymasterRule PAYMASTER_UNREAD = new PaymasterRule.Unread(
      "SmartSession has no getter for whether the session permits a paymaster");

  private final EthApi eth;
  private final GrantCache grants;
  private final SmartSessionContracts contracts;
  private final SessionDecoder sessions;
  private final SmartSessionPolicyReader policies;
  private final Cache<Load, Boolean> recentlyLoaded;

  /** One load: the grant, and the actions it was missing. */
  private record Load(GrantKey key, Set<CallKey> actions) {}

  /** What the first round answered. */
  private record ModuleState(Address validator, Bytes validatorConfig, List<Address> userOpPolicies,
      Set<Bytes32> enabledActions, Map<CallKey, List<Address>> actionPolicies,
      Set<CallKey> probedActions) {}

  /**
   * A loader reading through {@code eth} into {@code grants} the sessions of the SmartSession
   * modules {@code contracts} names, loading one key and set of missing actions at most once per
   * {@code reloadInterval} as {@code ticker} measures it.
   */
  public SmartSessionGrantLoader(EthApi eth, GrantCache grants, SmartSessionContracts contracts,
      Ticker ticker, Duration reloadInterval, long maximumKeys) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.sessions = new SessionDecoder(contracts);
    this.policies = new SmartSessionPolicyReader(eth, contracts.policies());
    this.recentlyLoaded = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(reloadInterval)
        .maximumSize(maximumKeys)
        .build();
  }

  @Override
  public void load(GrantKey key, PackedUserOperation op) {
    read(key, op);
  }

  /**
   * Starts loading what {@code op} needs of {@code key}'s grant; completes once the cache holds
   * what was read (or the load was not needed, or failed, which is logged).
   */
  CompletableFuture<Void> read(GrantKey key, PackedUserOperation op) {
    CompletableFuture<Void> nothing = CompletableFuture.completedFuture(null);
    if (!contracts.modules().contains(key.module()) || key.grantId().length() != 32) {
      return nothing;
    }
    Optional<PermissionTree> known = grants.find(key).map(SessionGrant::permissions);
    if (known.isPresent() && known.get().isComplete()) {
      return nothing;
    }
    Set<CallKey> missing = new LinkedHashSet<>(
        new SmartSessionOperation(op, key.module(), null, Bytes.EMPTY).actionKeys());
    known.ifPresent(tree -> missing.removeAll(tree.read()));
    if (known.isPresent() && missing.isEmpty()
        || recentlyLoaded.asMap().putIfAbsent(new Load(key, Set.copyOf(missing)), Boolean.TRUE)
            != null) {
      return nothing;
    }
    long changeCount = grants.changeCount();
    Bytes32 permissionId = Bytes32.of(key.grantId().toArray());
    Set<CallKey> actions = new LinkedHashSet<>(missing);
    actions.add(FALLBACK);
    actions.add(MODULE_CALL);
    CompletableFuture<Bytes> enabled = eth.viewCall(key.module(),
        Bytes.concat(IS_PERMISSION_ENABLED, SmartSessionPolicyReader.word(permissionId),
            SmartSessionPolicyReader.word(key.account())));
    CompletableFuture<ModuleState> state = moduleState(key, permissionId, actions);
    return enabled.thenCombine(state.handle((read, failure) -> read), (answer, read) -> {
      if (AbiReader.of(answer).uint(0).signum() == 0) {
        grants.putDisabledUnlessChanged(key, changeCount);
        return CompletableFuture.<SessionGrant>completedFuture(null);
      }
      return grant(key, permissionId, Objects.requireNonNull(read, "module state"), actions);
    }).thenCompose(grant -> grant).whenComplete((grant, failure) -> {
      if (failure != null) {
        LOG.debug("Cannot load smart session {}: {}", key, failure.toString());
      } else if (grant != null) {
        grants.putUnlessChanged(grant, changeCount);
      }
    }).handle((ignored, failure) -> null);
  }

  private CompletableFuture<ModuleState> moduleState(GrantKey key, Bytes32 permissionId,
      Set<CallKey> actions) {
    Bytes accountAndPermission = Bytes.concat(SmartSessionPolicyReader.word(key.account()),
        SmartSessionPolicyReader.word(permissionId));
    CompletableFuture<Bytes> validator = eth.viewCall(key.module(),
        Bytes.concat(GET_SESSION_VALIDATOR_AND_CONFIG, accountAndPermission));
    CompletableFuture<Bytes> userOpPolicies =
        eth.viewCall(key.module(), Bytes.concat(GET_USER_OP_POLICIES, accountAndPermission));
    CompletableFuture<Bytes> enabledActions =
        eth.viewCall(key.module(), Bytes.concat(GET_ENABLED_ACTIONS, accountAndPermission));
    Map<CallKey, CompletableFuture<Bytes>> actionPolicies = new LinkedHashMap<>();
    for (CallKey action : actions) {
      actionPolicies.put(action, eth.viewCall(key.module(), Bytes.concat(GET_ACTION_POLICIES,
          accountAndPermission,
          SmartSessionPolicyReader.word(SmartSessionIds.actionId(action)))));
    }
    List<CompletableFuture<Bytes>> all = new ArrayList<>(actionPolicies.values());
    all.addAll(List.of(validator, userOpPolicies, enabledActions));
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
      AbiReader validatorAndConfig = AbiReader.of(validator.join());
      Set<Bytes32> ids = new HashSet<>();
      AbiReader idList = AbiReader.of(enabledActions.join());
      int count = idList.arrayLength(0);
      AbiReader idElements = idList.arrayElements(0);
      for (int i = 0; i < count; i++) {
        ids.add(idElements.word(i * 32));
      }
      Map<CallKey, List<Address>> byAction = new LinkedHashMap<>();
      actionPolicies.forEach((action, answer) -> byAction.put(action, addresses(answer.join())));
      Set<CallKey> unlisted = new HashSet<>();
      byAction.forEach((action, list) -> {
        if (list.isEmpty() && ids.contains(SmartSessionIds.actionId(action))) {
          unlisted.add(action);
        }
      });
      return probed(key, accountAndPermission, unlisted).thenApply(found -> {
        byAction.putAll(found);
        return new ModuleState(validatorAndConfig.address(0),
            validatorAndConfig.dynamicBytes(32), addresses(userOpPolicies.join()), ids, byAction,
            unlisted);
      });
    });
  }

  /**
   * The modelled policies enabled under each of {@code actions}, enabled actions whose policy
   * list {@code getActionPolicies} answered empty (as modulekit 0.5.9's SmartSession build does):
   * {@code isActionPolicyEnabled} asked for every modelled policy address.
   */
  private CompletableFuture<Map<CallKey, List<Address>>> probed(GrantKey key,
      Bytes accountAndPermission, Set<CallKey> actions) {
    Map<CallKey, Map<Address, CompletableFuture<Bytes>>> probes = new LinkedHashMap<>();
    List<CompletableFuture<Bytes>> all = new ArrayList<>();
    for (CallKey action : actions) {
      Map<Address, CompletableFuture<Bytes>> byPolicy = new LinkedHashMap<>();
      for (Address policy : contracts.policies().keySet()) {
        CompletableFuture<Bytes> probe = eth.viewCall(key.module(),
            Bytes.concat(IS_ACTION_POLICY_ENABLED, accountAndPermission,
                SmartSessionPolicyReader.word(SmartSessionIds.actionId(action)),
                SmartSessionPolicyReader.word(policy)));
        byPolicy.put(policy, probe);
        all.add(probe);
      }
      probes.put(action, byPolicy);
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      Map<CallKey, List<Address>> found = new LinkedHashMap<>();
      probes.forEach((action, byPolicy) -> {
        List<Address> enabled = new ArrayList<>();
        byPolicy.forEach((policy, answer) -> {
          if (AbiReader.of(answer.join()).uint(0).signum() != 0) {
            enabled.add(policy);
          }
        });
        found.put(action, enabled);
      });
      return found;
    });
  }

  /** The second round: every policy's configuration, assembled into the grant read. */
  private CompletableFuture<SessionGrant> grant(GrantKey key, Bytes32 permissionId,
      ModuleState state, Set<CallKey> actions) {
    Address module = key.module();
    Address account = key.account();
    Bytes32 userOpConfig = SmartSessionIds.userOpConfigId(account, permissionId);
    List<CompletableFuture<List<OperationRule>>> operationRules = state.userOpPolicies().stream()
        .map(policy -> policies.operationRules(policy, userOpConfig, module, account))
        .toList();
    Map<CallKey, List<CompletableFuture<List<CallRule>>>> callRules = new LinkedHashMap<>();
    state.actionPolicies().forEach((action, list) -> {
      Bytes32 config = SmartSessionIds.actionConfigId(account, permissionId,
          SmartSessionIds.actionId(action));
      Address token = action.target().equals(SessionDecoder.SPECIAL_TARGET)
          ? null : action.target();
      List<CompletableFuture<List<CallRule>>> rules = new ArrayList<>(list.stream()
          .map(policy -> policies.callRules(policy, config, module, account, token))
          .toList());
      if (state.probedActions().contains(action)) {
        // Probing finds only the modelled policies; another may be enabled beside them.
        rules.add(CompletableFuture.completedFuture(List.of(new OpaqueRule(module))));
      }
      callRules.put(action, rules);
    });
    List<CompletableFuture<?>> all = new ArrayList<>(operationRules);
    callRules.values().forEach(all::addAll);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
      List<OperationRule> rules = new ArrayList<>();
      operationRules.forEach(future -> rules.addAll(future.join()));
      Map<CallKey, CallPermission> found = new HashMap<>();
      callRules.forEach((action, futures) -> {
        if (!futures.isEmpty()) {
          List<CallRule> list = new ArrayList<>();
          futures.forEach(future -> list.addAll(future.join()));
          found.put(action, new CallPermission(list));
        }
      });
      CallPermission fallback = found.remove(FALLBACK);
      Set<CallKey> read = new HashSet<>(actions);
      read.remove(FALLBACK);
      PermissionTree tree = PermissionTree.readWithFallback(found, fallback, read);
      return new SessionGrant(key, sessions.signer(state.validator(), state.validatorConfig()),
          ValidityWindow.UNBOUNDED, PAYMASTER_UNREAD, rules,
          completed(tree, fallback, state.enabledActions()), 0);
    });
  }

  /**
   * {@code tree} made complete when the actions it read, with the fallback, include every action
   * id the module lists as enabled: then no action is left unread.
   */
  private static PermissionTree completed(PermissionTree tree, CallPermission fallback,
      Set<Bytes32> enabledActions) {
    Set<Bytes32> readIds = new HashSet<>();
    tree.read().forEach(action -> readIds.add(SmartSessionIds.actionId(action)));
    readIds.add(SmartSessionIds.actionId(FALLBACK));
    return readIds.containsAll(enabledActions)
        ? PermissionTree.withFallback(tree.permissions(), fallback) : tree;
  }

  /** An ABI {@code address[]} answer. */
  private static List<Address> addresses(Bytes answer) {
    AbiReader reader = AbiReader.of(answer);
    int count = reader.arrayLength(0);
    AbiReader elements = reader.arrayElements(0);
    List<Address> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(elements.address(i * 32));
    }
    return list;
  }
}
