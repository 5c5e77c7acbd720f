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
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The pool's in-memory indexes: by hash, by (EntryPoint, sender, nonce) where the nonce carries
 * its key so parallel nonce keys are separate slots, each sender's operations in nonce order and
 * its nonce sequences (one per nonce key) in nonce order, by arrival, best first by effective tip
 * (all operations, and the lowest nonce of each sequence), and counts per entity. It applies {@link PoolChange}s and can undo them
 * exactly. Not thread-safe: {@link Mempool} guards it.
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
  private final Map<SequenceKey, NavigableMap<Long, Node>> sequences = new HashMap<>();
  private final Map<SenderKey, NavigableMap<BigInteger, Node>> bySender = new HashMap<>();
  /** The lowest-nonce operation of every nonce sequence, best first. */
  private final NavigableSet<Node> headsByTip = new TreeSet<>(BEST_FIRST);
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

  /** One sender's nonce sequence: its operations under one EntryPoint and nonce key. */
  private record SequenceKey(EntryPoint entryPoint, Address sender, BigInteger nonceKey) {
    static SequenceKey of(PoolEntry entry) {
      return new SequenceKey(entry.entryPoint(), entry.sender(), entry.operation().nonceKey());
    }
  }

  /** One sender's operations under one EntryPoint, all nonce keys. */
  private record SenderKey(EntryPoint entryPoint, Address sender) {
    static SenderKey of(PoolEntry entry) {
      return new SenderKey(entry.entryPoint(), entry.sender());
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

  /**
   * Up to {@code limit} operations under {@code entryPoint}, best effective tip first, except that
   * no operation comes before the lower nonces of its sequence: each sequence enters the order
   * with its lowest nonce, ranked by that operation's tip, and each operation, once taken, makes
   * the next nonce of its sequence available. So a builder taking operations in this order never
   * meets a nonce whose predecessor in the pool it has not met.
   */
  List<PoolEntry> bestFirst(EntryPoint entryPoint, int limit) {
    List<PoolEntry> out = new ArrayList<>(Math.min(limit, byTip.size()));
    PriorityQueue<Node> successors = new PriorityQueue<>(BEST_FIRST);
    Iterator<Node> heads = headsByTip.iterator();
    Node head = nextUnder(entryPoint, heads);
    while (out.size() < limit && (head != null || !successors.isEmpty())) {
      Node next;
      if (head != null && (successors.isEmpty() || BEST_FIRST.compare(head, successors.peek()) < 0)) {
        next = head;
        head = nextUnder(entryPoint, heads);
      } else {
        next = successors.poll();
      }
      out.add(next.op.entry());
      Map.Entry<Long, Node> successor =
          sequences.get(SequenceKey.of(next.op.entry())).higherEntry(sequenceOf(next));
      if (successor != null) {
        successors.add(successor.getValue());
      }
    }
    return out;
  }

  private static Node nextUnder(EntryPoint entryPoint, Iterator<Node> nodes) {
    while (nodes.hasNext()) {
      Node node = nodes.next();
      if (node.op.entry().entryPoint().equals(entryPoint)) {
        return node;
      }
    }
    return null;
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

  /** The operations of {@code sender} under {@code entryPoint} in nonce order: key, sequence. */
  List<PoolEntry> ofSender(EntryPoint entryPoint, Address sender) {
    NavigableMap<BigInteger, Node> nodes = bySender.get(new SenderKey(entryPoint, sender));
    return nodes == null
        ? List.of()
        : nodes.values().stream().map(node -> node.op.entry()).toList();
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
    List<Node> heads = new ArrayList<>(headsByTip);
    byTip.clear();
    headsByTip.clear();
    for (Node node : nodes) {
      node.tip = Fees.effectiveTip(node.op.entry().operation(), baseFee);
      byTip.add(node);
    }
    headsByTip.addAll(heads);
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
    bySender.computeIfAbsent(SenderKey.of(entry), key -> new TreeMap<>())
        .put(entry.operation().nonce(), node);
    NavigableMap<Long, Node> sequence =
        sequences.computeIfAbsent(
            SequenceKey.of(entry), key -> new TreeMap<>(Long::compareUnsigned));
    Map.Entry<Long, Node> previousHead = sequence.firstEntry();
    sequence.put(sequenceOf(node), node);
    if (sequence.firstEntry().getValue() == node) {
      if (previousHead != null) {
        headsByTip.remove(previousHead.getValue());
      }
      headsByTip.add(node);
    }
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
    SenderKey senderKey = SenderKey.of(entry);
    NavigableMap<BigInteger, Node> ofSender = bySender.get(senderKey);
    ofSender.remove(entry.operation().nonce());
    if (ofSender.isEmpty()) {
      bySender.remove(senderKey);
    }
    SequenceKey sequenceKey = SequenceKey.of(entry);
    NavigableMap<Long, Node> sequence = sequences.get(sequenceKey);
    sequence.remove(sequenceOf(node));
    if (headsByTip.remove(node) && !sequence.isEmpty()) {
      headsByTip.add(sequence.firstEntry().getValue());
    }
    if (sequence.isEmpty()) {
      sequences.remove(sequenceKey);
    }
    bytes -= node.size;
    forEachEntity(entry, key -> entityCounts.compute(key, (k, n) -> n == 1 ? null : n - 1));
  }

  /** The operation's place in its nonce sequence: the low 64 bits of the nonce, unsigned. */
  private static long sequenceOf(Node node) {
    return node.op.entry().operation().nonceSequence();
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
