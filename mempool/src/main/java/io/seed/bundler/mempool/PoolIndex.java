package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The pool's in-memory indexes: by hash, by (EntryPoint, sender, nonce) where the nonce carries
 * its key so parallel nonce keys are separate slots, by arrival, best first by effective tip, and
 * counts per entity. It applies {@link PoolChange}s and can undo them exactly. Not thread-safe:
 * {@link Mempool} guards it.
 */
final class PoolIndex {
  /** Highest effective tip first; among equal tips, the earlier arrival first. */
  private static final Comparator<Node> BEST_FIRST =
      Comparator.comparing((Node node) -> node.tip)
          .reversed()
          .thenComparingLong(node -> node.op.sequence());

  private final Map<Bytes32, Node> byHash = new HashMap<>();
  private final Map<NonceSlot, Node> bySlot = new HashMap<>();
  private final NavigableMap<Long, Node> byArrival = new TreeMap<>();
  private final NavigableSet<Node> byTip = new TreeSet<>(BEST_FIRST);
  private final Map<EntityKey, Integer> entityCounts = new HashMap<>();
  private BigInteger baseFee = BigInteger.ZERO;
  private long bytes;

  /** One pooled operation with what the indexes order it by. */
  static final class Node {
    private final PooledOperation op;
    private final int size;
    /** Changed only while the node is out of {@code byTip}. */
    private BigInteger tip;

    private Node(PooledOperation op, BigInteger baseFee) {
      this.op = op;
      this.size = OperationSize.of(op.entry().operation());
      this.tip = Fees.effectiveTip(op.entry().operation(), baseFee);
    }

    PooledOperation op() {
      return op;
    }

    int size() {
      return size;
    }

    BigInteger tip() {
      return tip;
    }
  }

  /** An address in one role under one EntryPoint. */
  record EntityKey(EntryPoint entryPoint, EntityRole role, Address address) {
    EntityKey {
      Objects.requireNonNull(entryPoint, "entryPoint");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(address, "address");
    }
  }

  Optional<PooledOperation> get(Bytes32 userOpHash) {
    return Optional.ofNullable(byHash.get(userOpHash)).map(Node::op);
  }

  /** The node holding {@code entry}'s sender and nonce, if any. */
  Optional<Node> atSlot(PoolEntry entry) {
    return Optional.ofNullable(bySlot.get(NonceSlot.of(entry)));
  }

  int count(EntityKey entity) {
    return entityCounts.getOrDefault(entity, 0);
  }

  int size() {
    return byHash.size();
  }

  long bytes() {
    return bytes;
  }

  BigInteger baseFee() {
    return baseFee;
  }

  /** Every node, cheapest first: the order in which a full pool evicts. */
  Iterator<Node> cheapestFirst() {
    return byTip.descendingIterator();
  }

  List<PoolEntry> bestFirst(EntryPoint entryPoint, int limit) {
    List<PoolEntry> out = new ArrayList<>(Math.min(limit, byTip.size()));
    for (Iterator<Node> it = byTip.iterator(); it.hasNext() && out.size() < limit; ) {
      PoolEntry entry = it.next().op.entry();
      if (entry.entryPoint().equals(entryPoint)) {
        out.add(entry);
      }
    }
    return out;
  }

  List<PoolEntry> inArrivalOrder(EntryPoint entryPoint) {
    List<PoolEntry> out = new ArrayList<>();
    for (Node node : byArrival.values()) {
      if (node.op.entry().entryPoint().equals(entryPoint)) {
        out.add(node.op.entry());
      }
    }
    return out;
  }

  List<PooledOperation> all() {
    return byArrival.values().stream().map(Node::op).toList();
  }

  void apply(PoolChange change) {
    change.removed().forEach(this::remove);
    change.added().forEach(this::insert);
  }

  /** Restores the state before {@link #apply} of the same change. */
  void undo(PoolChange change) {
    change.added().reversed().forEach(this::remove);
    change.removed().reversed().forEach(this::insert);
  }

  /** Re-orders every operation by its effective tip at the new base fee. */
  void setBaseFee(BigInteger newBaseFee) {
    baseFee = Objects.requireNonNull(newBaseFee, "baseFee");
    List<Node> nodes = new ArrayList<>(byTip);
    byTip.clear();
    for (Node node : nodes) {
      node.tip = Fees.effectiveTip(node.op.entry().operation(), baseFee);
      byTip.add(node);
    }
  }

  private void insert(PooledOperation op) {
    Node node = new Node(op, baseFee);
    PoolEntry entry = op.entry();
    if (byHash.putIfAbsent(entry.userOpHash(), node) != null) {
      throw new IllegalStateException("userOp " + entry.userOpHash() + " is already indexed");
    }
    if (bySlot.putIfAbsent(NonceSlot.of(entry), node) != null) {
      throw new IllegalStateException("nonce slot of " + entry.userOpHash() + " is taken");
    }
    byArrival.put(op.sequence(), node);
    byTip.add(node);
    bytes += node.size;
    forEachEntity(entry, key -> entityCounts.merge(key, 1, Integer::sum));
  }

  private void remove(PooledOperation op) {
    PoolEntry entry = op.entry();
    Node node = byHash.remove(entry.userOpHash());
    if (node == null) {
      throw new IllegalStateException("userOp " + entry.userOpHash() + " is not indexed");
    }
    bySlot.remove(NonceSlot.of(entry));
    byArrival.remove(node.op.sequence());
    byTip.remove(node);
    bytes -= node.size;
    forEachEntity(entry, key -> entityCounts.compute(key, (k, n) -> n == 1 ? null : n - 1));
  }

  private static void forEachEntity(PoolEntry entry, Consumer<EntityKey> action) {
    PackedUserOperation op = entry.operation();
    action.accept(new EntityKey(entry.entryPoint(), EntityRole.SENDER, op.sender()));
    if (op.factory() != null) {
      action.accept(new EntityKey(entry.entryPoint(), EntityRole.FACTORY, op.factory()));
    }
    if (op.paymaster() != null) {
      action.accept(new EntityKey(entry.entryPoint(), EntityRole.PAYMASTER, op.paymaster()));
    }
  }
}
