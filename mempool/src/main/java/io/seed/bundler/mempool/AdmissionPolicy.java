package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.PoolIndex.EntityKey;
import io.seed.bundler.mempool.PoolIndex.Node;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The rules that decide whether an operation enters the pool and what it displaces. Error
 * categories follow what the public bundlers answer: a duplicate, an underpriced replacement and a
 * full pool are invalid fields (-32602); too many operations of an unstaked sender is a stake
 * error (-32505); an address in two roles is the ERC-7562 storage rule STO-040 (-32502). The
 * {@link EntityRules} add reputation and the stake of factories and paymasters. STO-041 (an
 * operation whose validation used another pooled sender's storage) is not judged here: the
 * re-check before bundling sees what an earlier bundle changed, so only two such operations in one
 * bundle can invalidate each other, and the bundle builder keeps them apart, as the ERC-4337
 * reference bundler does and the spec tests expect.
 */
final class AdmissionPolicy {
  private final MempoolConfig config;
  private final EntityRules rules;

  AdmissionPolicy(MempoolConfig config, EntityRules rules) {
    this.config = config;
    this.rules = rules;
  }

  /**
   * The change that admits {@code entry} as arrival {@code sequence}, or why it is refused. Reads
   * the index and changes nothing.
   */
  PoolChange plan(PoolIndex index, PoolEntry entry, boolean senderStaked, long sequence)
      throws UserOperationRejectedException {
    if (index.get(entry.userOpHash()).isPresent()) {
      throw reject(
          RejectionReason.INVALID_FIELDS, "userOp already in mempool: " + entry.userOpHash());
    }
    Optional<Node> replaced = index.atSlot(entry);
    if (replaced.isPresent()) {
      requireFeeBump(replaced.get().op().entry(), entry);
    }
    rules.check(entry, pendingNaming(index, entry, replaced));
    requireSingleRole(index, entry, replaced);
    if (replaced.isEmpty() && !senderStaked) {
      int pending =
          index.count(new EntityKey(entry.entryPoint(), EntityRole.SENDER, entry.sender()));
      if (pending >= config.maxOperationsPerUnstakedSender()) {
        throw reject(
            RejectionReason.INSUFFICIENT_STAKE,
            "sender " + entry.sender() + " is unstaked and already has " + pending
                + " userOps in the mempool, the most an unstaked sender may have; wait for them"
                + " to be included, replace one, or stake the sender");
      }
    }
    List<PooledOperation> removed = new ArrayList<>();
    replaced.ifPresent(node -> removed.add(node.op()));
    removed.addAll(evictions(index, entry, replaced));
    return new PoolChange(
        removed,
        List.of(new PooledOperation(sequence, entry)),
        replaced.map(node -> node.op().entry()));
  }

  /**
   * How many pending operations under {@code entry}'s EntryPoint name an address, summed over
   * its roles, leaving out the operation {@code entry} replaces.
   */
  private static ToIntFunction<Address> pendingNaming(
      PoolIndex index, PoolEntry entry, Optional<Node> replaced) {
    Optional<PackedUserOperation> leaving = replaced.map(node -> node.op().entry().operation());
    return address -> {
      int count = 0;
      for (EntityRole role : EntityRole.values()) {
        count += index.count(new EntityKey(entry.entryPoint(), role, address));
      }
      if (leaving.isPresent()) {
        PackedUserOperation op = leaving.get();
        count -= (address.equals(op.sender()) ? 1 : 0)
            + (address.equals(op.factory()) ? 1 : 0)
            + (address.equals(op.paymaster()) ? 1 : 0);
      }
      return count;
    };
  }

  private void requireFeeBump(PoolEntry pending, PoolEntry replacement)
      throws UserOperationRejectedException {
    PackedUserOperation old = pending.operation();
    PackedUserOperation now = replacement.operation();
    int percent = config.replacementFeeBumpPercent();
    BigInteger minPriority = Fees.bumped(old.maxPriorityFeePerGas(), percent);
    BigInteger minMax = Fees.bumped(old.maxFeePerGas(), percent);
    if (now.maxPriorityFeePerGas().compareTo(minPriority) < 0
        || now.maxFeePerGas().compareTo(minMax) < 0) {
      throw reject(
          RejectionReason.INVALID_FIELDS,
          "replacement underpriced: sender " + pending.sender() + " already has userOp "
              + pending.userOpHash() + " with nonce 0x" + old.nonce().toString(16)
              + " in the mempool; a replacement needs at least +" + percent
              + "% on both maxPriorityFeePerGas and maxFeePerGas (at least " + minPriority
              + " and " + minMax + ", got " + now.maxPriorityFeePerGas() + " and "
              + now.maxFeePerGas() + ")");
    }
  }

  /**
   * [STO-040] An address that is a sender in the pool may not be a factory or paymaster of another
   * operation, and the reverse, so one operation's validation cannot change another's.
   */
  private static void requireSingleRole(PoolIndex index, PoolEntry entry, Optional<Node> replaced)
      throws UserOperationRejectedException {
    PackedUserOperation op = entry.operation();
    for (EntityRole role : List.of(EntityRole.FACTORY, EntityRole.PAYMASTER)) {
      Address entity = role == EntityRole.FACTORY ? op.factory() : op.paymaster();
      if (entity != null && !entity.equals(op.sender())
          && index.count(new EntityKey(entry.entryPoint(), EntityRole.SENDER, entity)) > 0) {
        throw reject(
            RejectionReason.BANNED_OPCODE,
            role.label() + " " + entity
                + " is used as a sender entity in another UserOperation currently in mempool");
      }
    }
    Optional<PackedUserOperation> previous = replaced.map(node -> node.op().entry().operation());
    int asFactory =
        index.count(new EntityKey(entry.entryPoint(), EntityRole.FACTORY, op.sender()))
            - (previous.map(p -> op.sender().equals(p.factory())).orElse(false) ? 1 : 0);
    int asPaymaster =
        index.count(new EntityKey(entry.entryPoint(), EntityRole.PAYMASTER, op.sender()))
            - (previous.map(p -> op.sender().equals(p.paymaster())).orElse(false) ? 1 : 0);
    if (asFactory > 0 || asPaymaster > 0) {
      throw reject(
          RejectionReason.BANNED_OPCODE,
          "sender " + op.sender()
              + " is used as a different entity in another UserOperation currently in mempool");
    }
  }

  /**
   * The cheapest operations that must leave so that {@code entry} fits. Each must tip less per
   * gas than the newcomer. When bytes are what is short, each must also tip less per byte, so
   * that one large operation with a high tip cannot push out many small ones; and no admission
   * evicts more than {@link MempoolConfig#maxEvictionsPerAdmission()}.
   */
  private List<PooledOperation> evictions(PoolIndex index, PoolEntry entry, Optional<Node> replaced)
      throws UserOperationRejectedException {
    int size = OperationSize.of(entry.operation());
    if (size > config.maxBytes()) {
      throw reject(
          RejectionReason.INVALID_FIELDS,
          "userOp is " + size + " bytes, more than the mempool holds in total ("
              + config.maxBytes() + ")");
    }
    int count = index.size() + 1 - (replaced.isPresent() ? 1 : 0);
    long bytes = index.bytes() + size - replaced.map(Node::size).orElse(0);
    if (count <= config.maxOperations() && bytes <= config.maxBytes()) {
      return List.of();
    }
    boolean shortOfBytes = bytes > config.maxBytes();
    BigInteger tip = Fees.effectiveTip(entry.operation(), index.baseFee());
    List<PooledOperation> victims = new ArrayList<>();
    Iterator<Node> cheapest = index.cheapestFirst();
    while (count > config.maxOperations() || bytes > config.maxBytes()) {
      Node victim = nextVictim(cheapest, replaced);
      if (victims.size() == config.maxEvictionsPerAdmission()) {
        throw reject(
            RejectionReason.INVALID_FIELDS,
            "mempool is full: admitting this userOp would evict more than "
                + config.maxEvictionsPerAdmission() + " pending userOps");
      }
      if (tip.compareTo(victim.tip()) <= 0) {
        throw reject(
            RejectionReason.INVALID_FIELDS,
            "mempool is full: the userOp's effective tip " + tip
                + " per gas does not beat the cheapest pending userOp's " + victim.tip());
      }
      if (shortOfBytes
          && tip.multiply(BigInteger.valueOf(victim.size()))
                  .compareTo(victim.tip().multiply(BigInteger.valueOf(size))) <= 0) {
        throw reject(
            RejectionReason.INVALID_FIELDS,
            "mempool is full: the userOp (" + size + " bytes, tip " + tip
                + ") does not pay more per byte than the pending userOp it would evict ("
                + victim.size() + " bytes, tip " + victim.tip() + ")");
      }
      victims.add(victim.op());
      count--;
      bytes -= victim.size();
    }
    return victims;
  }

  private static Node nextVictim(Iterator<Node> cheapest, Optional<Node> replaced) {
    while (cheapest.hasNext()) {
      Node node = cheapest.next();
      if (replaced.isEmpty() || node != replaced.get()) {
        return node;
      }
    }
    throw new IllegalStateException("a full pool has nothing to evict");
  }

  private static UserOperationRejectedException reject(RejectionReason reason, String message) {
    return new UserOperationRejectedException(reason, message);
  }
}
