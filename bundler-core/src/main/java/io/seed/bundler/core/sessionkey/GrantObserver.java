package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.chain.BlockListener;
import io.seed.bundler.core.chain.BundleTransactions;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.LogFilter;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.node.Transaction;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link GrantCache} in step with the UserOperations the chain includes, whoever bundled
 * them: a grant an included operation's enable data installs is cached (validation ran, so the
 * enable signature held); the installs, uninstalls and revocations its successful execution makes
 * are applied as the {@link GrantChangeReader} reads them from its call data; a grant whose
 * on-chain counters (gas, rate, usage, value, spending) the operation moved is forgotten, so no
 * stale counter is judged. Operations this bundler did not pool are read from their bundle
 * transactions, fetched in one batch per block; an operation that cannot be read (its bundle does
 * not call {@code handleOps} directly, the node failed) makes its account's grants forgotten.
 * Changes made outside any UserOperation (an executor module, a call from the EntryPoint itself)
 * show only as events: every block's account-reconfiguring events are read in one request, and
 * the accounts they name lose their grants. When a block leaves the chain, every grant it touched
 * is forgotten.
 */
public final class GrantObserver implements BlockListener {
  private static final Logger LOG = LoggerFactory.getLogger(GrantObserver.class);
  /**
   * Emitted by a Kernel v3.1 account itself (all five are in its bytecode): ERC-7579 module
   * changes, the ERC-1967 upgrade, root-validator and selector changes. None of its grants is
   * trusted after one.
   */
  private static final Set<Bytes32> ACCOUNT_EVENTS = topics("ModuleInstalled(uint256,address)",
      "ModuleUninstalled(uint256,address)", "Upgraded(address)", "RootValidatorUpdated(bytes21)",
      "SelectorSet(bytes4,bytes21,bool)");
  /**
   * Emitted by the SmartSession module (all in the bytecode modulekit ships) when a session, a
   * policy, an action or a validator is disabled or the nonce moves; they name the account in a
   * topic or a data word, so every address they carry loses its grants.
   */
  private static final Set<Bytes32> SESSION_MODULE_EVENTS = topics(
      "SessionRemoved(bytes32,address)", "PolicyDisabled(bytes32,uint8,address,address)",
      "ActionIdDisabled(bytes32,bytes32,address)",
      "SessionValidatorDisabled(bytes32,address,address)",
      "NonceIterated(bytes32,address,uint256)");
  private static final List<Bytes32> RECONFIGURING_EVENTS =
      Stream.concat(ACCOUNT_EVENTS.stream(), SESSION_MODULE_EVENTS.stream()).toList();

  private final EthApi eth;
  private final SessionKeyPrevalidator prevalidator;
  private final GrantCache grants;
  private final GrantChangeReader reader;
  private final long chainId;
  private final int rememberedBlocks;
  /** What each recent block touched, to forget it if the block leaves the chain. */
  private final LinkedHashMap<Bytes32, Touched> touchedByBlock = new LinkedHashMap<>();

  private record Touched(Set<GrantKey> keys, Set<Address> accounts) {
    Touched() {
      this(new HashSet<>(), new HashSet<>());
    }
  }

  /**
   * An observer reading operations with {@code prevalidator}'s formats and {@code reader}, on
   * {@code chainId}, keeping {@code grants}; it remembers what the last {@code rememberedBlocks}
   * blocks touched (at least the chain watcher's reorg depth).
   */
  public GrantObserver(EthApi eth, SessionKeyPrevalidator prevalidator, GrantCache grants,
      GrantChangeReader reader, long chainId, int rememberedBlocks) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.prevalidator = Objects.requireNonNull(prevalidator, "prevalidator");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.chainId = chainId;
    if (rememberedBlocks <= 0) {
      throw new IllegalArgumentException("rememberedBlocks must be positive");
    }
    this.rememberedBlocks = rememberedBlocks;
  }

  @Override
  public void indexed(BlockHeader block, List<IncludedOperation> operations) {
    BlockTag at = BlockTag.number(block.number());
    CompletableFuture<List<Log>> events =
        eth.getLogs(new LogFilter(at, at, List.of(), List.of(RECONFIGURING_EVENTS)));
    Map<Bytes32, List<PackedUserOperation>> bundles = bundles(operations);
    Touched touched = new Touched();
    touched.accounts().addAll(reconfiguredByEvents(block, events, operations));
    if (operations.isEmpty() && touched.accounts().isEmpty()) {
      return;
    }
    for (IncludedOperation included : operations) {
      Optional<PackedUserOperation> op = included.pendingEntry().map(PoolEntry::operation)
          .or(() -> BundleTransactions.reportedBy(
              bundles.getOrDefault(included.transactionHash(), List.of()), included.event()));
      if (op.isPresent()) {
        apply(op.get(), included, touched);
      } else {
        touched.accounts().add(included.event().sender());
      }
    }
    // Once per block: forgetting an account walks the whole cache. Grants of those accounts
    // learnt earlier in the block go too, which only loses what a later look-up can relearn.
    grants.invalidateAccounts(chainId, touched.accounts());
    synchronized (touchedByBlock) {
      touchedByBlock.put(block.hash(), touched);
      while (touchedByBlock.size() > rememberedBlocks) {
        touchedByBlock.remove(touchedByBlock.keySet().iterator().next());
      }
    }
  }

  @Override
  public void abandoned(BlockHeader block, List<IncludedOperation> operations) {
    Touched touched;
    synchronized (touchedByBlock) {
      touched = touchedByBlock.remove(block.hash());
    }
    if (touched == null) {
      return;
    }
    touched.keys().forEach(grants::invalidate);
    grants.invalidateAccounts(chainId, touched.accounts());
  }

  private void apply(PackedUserOperation op, IncludedOperation included, Touched touched) {
    EntryPoint entryPoint = included.entryPoint();
    Optional<GrantKey> key = prevalidator.grantKey(op, entryPoint, chainId);
    if (key.isPresent()) {
      Optional<SessionGrant> enabled = prevalidator.enabledGrant(op, entryPoint, chainId);
      if (enabled.isPresent() && !counts(enabled.get())) {
        grants.put(enabled.get());
        touched.keys().add(key.get());
      } else if (enabled.isPresent()
          || grants.isDisabled(key.get())
          || grants.find(key.get()).map(GrantObserver::counts).orElse(false)) {
        // Spent counters, or enable data not modelled: an operation that passed validation
        // proves its grant enabled, whatever was known of it.
        grants.invalidate(key.get());
      }
    }
    if (!included.event().success()) {
      return;
    }
    for (GrantChange change : reader.changes(op, entryPoint, chainId)) {
      switch (change) {
        case GrantChange.Installed installed -> {
          // Counters start fresh; a later operation of the grant, in this block or another,
          // forgets it again.
          grants.put(installed.grant());
          touched.keys().add(installed.grant().key());
        }
        case GrantChange.Uninstalled uninstalled -> {
          grants.putDisabled(uninstalled.key());
          touched.keys().add(uninstalled.key());
        }
        case GrantChange.Unreadable unreadable -> grants.invalidate(unreadable.key());
        case GrantChange.AccountReconfigured reconfigured ->
            touched.accounts().add(reconfigured.account());
      }
    }
  }

  /**
   * The accounts that {@code block}'s reconfiguring {@code events} name, outside the bundle
   * transactions of {@code operations}: what a UserOperation does is read from its call
   * data (an enable-mode install emits module events of its own). None when the node cannot
   * answer; the grants then age out with the cache's time to live.
   */
  private static Set<Address> reconfiguredByEvents(BlockHeader block,
      CompletableFuture<List<Log>> events, List<IncludedOperation> operations) {
    List<Log> logs;
    try {
      logs = NodeFutures.await(events);
    } catch (RuntimeException failed) {
      LOG.info("Cannot read block {}'s account events for session grants: {}", block.number(),
          failed.toString());
      return Set.of();
    }
    Set<Bytes32> bundleTransactions = new HashSet<>();
    operations.forEach(included -> bundleTransactions.add(included.transactionHash()));
    Set<Address> accounts = new HashSet<>();
    for (Log log : logs) {
      if (log.topics().isEmpty() || bundleTransactions.contains(log.transactionHash())) {
        continue;
      }
      if (ACCOUNT_EVENTS.contains(log.topics().getFirst())) {
        accounts.add(log.address());
      } else if (SESSION_MODULE_EVENTS.contains(log.topics().getFirst())) {
        log.topics().stream().skip(1).forEach(topic -> addressIn(topic.toArray(), 0)
            .ifPresent(accounts::add));
        byte[] data = log.data().toArray();
        for (int offset = 0; offset + 32 <= data.length; offset += 32) {
          addressIn(data, offset).ifPresent(accounts::add);
        }
      }
    }
    return accounts;
  }

  /** The address in the ABI word at {@code offset}, if the word has the shape of one. */
  private static Optional<Address> addressIn(byte[] words, int offset) {
    for (int i = offset; i < offset + 12; i++) {
      if (words[i] != 0) {
        return Optional.empty();
      }
    }
    Address address = Address.fromWord(words, offset);
    return address.equals(Address.ZERO) ? Optional.empty() : Optional.of(address);
  }

  private static Set<Bytes32> topics(String... signatures) {
    return Stream.of(signatures).map(EntryPointEvents::topic)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The operations of each bundle transaction that included an operation this bundler did not
   * pool, all fetched at once; a transaction that cannot be read maps to no operations.
   */
  private Map<Bytes32, List<PackedUserOperation>> bundles(List<IncludedOperation> operations) {
    Map<Bytes32, CompletableFuture<Optional<Transaction>>> requests = new LinkedHashMap<>();
    Map<Bytes32, EntryPoint> entryPoints = new LinkedHashMap<>();
    for (IncludedOperation included : operations) {
      if (included.pendingEntry().isEmpty()) {
        requests.computeIfAbsent(included.transactionHash(), eth::getTransactionByHash);
        entryPoints.putIfAbsent(included.transactionHash(), included.entryPoint());
      }
    }
    Map<Bytes32, List<PackedUserOperation>> bundles = new LinkedHashMap<>();
    requests.forEach((hash, request) ->
        bundles.put(hash, operationsOf(hash, request, entryPoints.get(hash))));
    return bundles;
  }

  private static List<PackedUserOperation> operationsOf(
      Bytes32 hash, CompletableFuture<Optional<Transaction>> request, EntryPoint entryPoint) {
    try {
      return NodeFutures.await(request)
          .map(transaction -> BundleTransactions.operations(transaction, entryPoint))
          .orElse(List.of());
    } catch (RuntimeException failed) {
      LOG.info("Cannot read bundle {} for session grants: {}", hash, failed.toString());
      return List.of();
    }
  }

  /** True when {@code grant} carries on-chain counters that an included operation moves. */
  static boolean counts(SessionGrant grant) {
    for (OperationRule rule : grant.operationRules()) {
      if (!(rule instanceof TimeWindowRule || rule instanceof OpaqueRule)) {
        return true;
      }
    }
    // A tree without the target wildcard may hold a fallback permission it does not list; its
    // rules cannot be inspected, so such a grant counts as stateful.
    return grant.callScope()
        .map(tree -> !tree.zeroTargetMatchesAny()
            || tree.permissions().values().stream()
                .map(CallPermission::rules)
                .flatMap(List::stream)
                .anyMatch(GrantObserver::counts))
        .orElse(false);
  }

  private static boolean counts(CallRule rule) {
    return !(rule instanceof ValueLimit || rule instanceof ArgumentRule
        || rule instanceof TimeWindowRule || rule instanceof OpaqueRule);
  }
}
