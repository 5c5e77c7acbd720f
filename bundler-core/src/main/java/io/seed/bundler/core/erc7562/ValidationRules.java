package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.web3j.crypto.Hash;

/**
 * The ERC-7562 opcode, code-access and storage rules, judged on the parsed phases of one
 * operation's validation. The first violation is thrown as {@link RejectionReason#BANNED_OPCODE}
 * (-32502), also for what only a staked entity may do, as the ERC-4337 spec tests expect; such a
 * message says the entity is unstaked. Messages name the entity whose phase broke the rule and end
 * with the rule id.
 */
final class ValidationRules {
  /** {@code depositTo(address)}, the one EntryPoint function validation may call [OP-052]. */
  private static final Bytes DEPOSIT_TO = Bytes.fromHex("0xb760faf9");
  /** [OP-062] The core precompiles 0x01 … 0x09 read nothing of the chain. */
  private static final BigInteger LAST_ALLOWED_PRECOMPILE = BigInteger.valueOf(9);
  /** Addresses this low without code are precompiles or unusable; none is a contract. */
  private static final BigInteger PRECOMPILE_RANGE = BigInteger.valueOf(0x10000);
  /** Associated slots are keccak(A ‖ x) + n for n in 0..128. */
  private static final BigInteger ASSOCIATED_SPAN = BigInteger.valueOf(128);

  private final Address entryPoint;
  private final Address sender;
  private final Address factory;
  private final Address paymaster;
  private final Map<Entity, Boolean> staked;
  private final Map<Address, List<BigInteger>> associatedBases;

  /**
   * Rules for one operation.
   *
   * @param factory the factory, {@code null} when the sender exists already
   * @param paymaster the paymaster, {@code null} without one
   * @param stakes the entities' stakes as simulation reported them
   * @param preimages the trace's 64-byte keccak inputs
   */
  ValidationRules(
      Address entryPoint,
      Address sender,
      Address factory,
      Address paymaster,
      EntityStakes stakes,
      SafeModeConfig config,
      List<Bytes> preimages) {
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.factory = factory;
    this.paymaster = paymaster;
    this.staked =
        Map.of(
            Entity.ACCOUNT, config.isStaked(stakes.sender()),
            Entity.FACTORY, factory != null && config.isStaked(stakes.factory()),
            Entity.PAYMASTER, paymaster != null && config.isStaked(stakes.paymaster()));
    this.associatedBases = associatedBases(preimages);
  }

  /**
   * Throws at the first rule {@code frames} break.
   *
   * @return the contracts whose storage the frames used, for the bundle's sender-storage rule
   *     (STO-041)
   */
  AccessedStorage check(List<EntityFrame> frames) throws UserOperationRejectedException {
    Set<Address> contracts = new HashSet<>();
    for (EntityFrame frame : frames) {
      checkOpcodes(frame);
      checkCalls(frame);
      checkCodeAccesses(frame);
      checkStorage(frame, contracts);
    }
    return new AccessedStorage(contracts);
  }

  private void checkOpcodes(EntityFrame frame) throws UserOperationRejectedException {
    Entity entity = frame.entity();
    for (int opcode : frame.opcodes().keySet()) {
      if (Opcodes.BANNED.contains(opcode)) {
        throw banned(entity, "uses banned opcode: " + Opcodes.name(opcode), "OP-011");
      }
      if (opcode == Opcodes.GAS) {
        throw banned(entity, "uses banned opcode: GAS", "OP-012");
      }
      if (Opcodes.isUnassigned(opcode)) {
        throw banned(entity, "uses banned opcode: " + Opcodes.name(opcode), "OP-013");
      }
      if ((opcode == Opcodes.BALANCE || opcode == Opcodes.SELFBALANCE) && !staked.get(entity)) {
        throw unstaked(entity, "uses banned opcode: " + Opcodes.name(opcode), "OP-080");
      }
    }
    int create2 = frame.count(Opcodes.CREATE2);
    if (create2 > 0 && (entity != Entity.FACTORY || create2 > 1)) {
      throw banned(entity, "uses banned opcode: CREATE2", "OP-031");
    }
    if (frame.outOfGas()) {
      throw banned(entity, "internally reverts on oog", "OP-020");
    }
  }

  private void checkCalls(EntityFrame frame) throws UserOperationRejectedException {
    Entity entity = frame.entity();
    for (CallRecord call : frame.calls()) {
      if (call.to().equals(entryPoint)) {
        checkEntryPointCall(entity, call);
        continue;
      }
      if (call.value().signum() > 0) {
        throw banned(entity, "has forbidden CALL with value to " + call.to(), "OP-061");
      }
      if (!call.hasCode()) {
        checkCodeless(entity, call.to(), call.opcode());
      }
    }
  }

  private void checkEntryPointCall(Entity entity, CallRecord call)
      throws UserOperationRejectedException {
    boolean fallback = call.selector().isEmpty();
    boolean deposit = call.selector().equals(DEPOSIT_TO);
    // [OP-053] the fallback only from the sender; [OP-052] depositTo(sender) from sender or factory.
    if (fallback && call.from().equals(sender)) {
      return;
    }
    if (deposit && (call.from().equals(sender) || call.from().equals(factory))) {
      if (sender.equals(call.firstAddressArgument())) {
        return;
      }
      throw banned(entity, "has forbidden depositTo for another account than the sender", "OP-052");
    }
    throw banned(
        entity,
        "has forbidden " + Opcodes.name(call.opcode()) + " to the EntryPoint "
            + (fallback ? "fallback" : "with selector " + call.selector()),
        "OP-054");
  }

  private void checkCodeAccesses(EntityFrame frame) throws UserOperationRejectedException {
    Entity entity = frame.entity();
    for (CodeAccess access : frame.codeAccesses()) {
      if (access.target().equals(entryPoint)) {
        // [OP-051] EXTCODESIZE only; that ISZERO follows it is not checked: the size of the
        // EntryPoint's code reveals nothing that could change between validation and inclusion.
        if (access.opcode() != Opcodes.EXTCODESIZE) {
          throw banned(
              entity, "has forbidden " + Opcodes.name(access.opcode()) + " on the EntryPoint",
              "OP-054");
        }
        continue;
      }
      if (!access.hasCode() && !access.target().equals(sender)) {
        throw banned(
            entity,
            "accesses un-deployed contract " + access.target() + " with "
                + Opcodes.name(access.opcode()),
            "OP-041");
      }
    }
  }

  private void checkCodeless(Entity entity, Address target, int opcode)
      throws UserOperationRejectedException {
    BigInteger number = new BigInteger(1, target.toArray());
    if (number.compareTo(PRECOMPILE_RANGE) < 0) {
      if (number.signum() == 0 || number.compareTo(LAST_ALLOWED_PRECOMPILE) > 0) {
        throw banned(entity, "accesses forbidden precompile " + target, "OP-062");
      }
      return;
    }
    // [OP-042] the sender may be called before the factory has deployed it
    if (!target.equals(sender)) {
      throw banned(
          entity,
          "accesses un-deployed contract " + target + " with " + Opcodes.name(opcode),
          "OP-041");
    }
  }

  /** Judges the frame's storage accesses, adding every contract it touched to {@code contracts}. */
  private void checkStorage(EntityFrame frame, Set<Address> contracts)
      throws UserOperationRejectedException {
    for (Map.Entry<Address, StorageAccess> contract : frame.storage().entrySet()) {
      Address address = contract.getKey();
      // The EntryPoint's storage is reached only through the calls OP-052 / OP-053 allow;
      // [STO-010] the account's own storage is always allowed.
      if (address.equals(entryPoint) || address.equals(sender)) {
        continue;
      }
      contracts.add(address);
      for (BigInteger slot : contract.getValue().writes()) {
        checkSlot(frame.entity(), address, slot, true);
      }
      for (BigInteger slot : contract.getValue().reads()) {
        checkSlot(frame.entity(), address, slot, false);
      }
    }
  }

  private void checkSlot(Entity entity, Address address, BigInteger slot, boolean write)
      throws UserOperationRejectedException {
    Address entityAddress = addressOf(entity);
    boolean entityStaked = staked.get(entity);
    if (isAssociated(slot, sender)) {
      // [STO-021] the account exists; [STO-022] it is being deployed by a staked factory, which
      // answers for the deployment and the account's validation, not for the paymaster's
      boolean factoryAnswers = entity != Entity.PAYMASTER && staked.get(Entity.FACTORY);
      if (factory == null || factoryAnswers || entityStaked) {
        return;
      }
      throw unstaked(entity, "accessed " + address + " slot " + hex(slot), "STO-022");
    }
    if (address.equals(entityAddress)) {
      if (!entityStaked) {
        throw unstaked(entity, "accessed " + address + " slot " + hex(slot), "STO-031");
      }
      return;
    }
    if (isEntity(address)) {
      throw banned(entity, forbidden(write, address, slot), "STO-033");
    }
    if (isAssociated(slot, entityAddress)) {
      if (!entityStaked) {
        throw unstaked(entity, "accessed " + address + " slot " + hex(slot), "STO-032");
      }
      return;
    }
    if (write) {
      throw banned(entity, forbidden(true, address, slot), "STO-033");
    }
    if (!entityStaked) {
      throw unstaked(entity, "accessed " + address + " slot " + hex(slot), "STO-033");
    }
  }

  private boolean isEntity(Address address) {
    return address.equals(factory) || address.equals(paymaster);
  }

  private Address addressOf(Entity entity) {
    return switch (entity) {
      case ACCOUNT -> sender;
      case FACTORY -> factory;
      case PAYMASTER -> paymaster;
    };
  }

  /** Whether {@code slot} is {@code owner} itself or keccak(owner ‖ x) + n, n ≤ 128. */
  private boolean isAssociated(BigInteger slot, Address owner) {
    if (owner == null) {
      return false;
    }
    if (slot.equals(new BigInteger(1, owner.toArray()))) {
      return true;
    }
    for (BigInteger base : associatedBases.getOrDefault(owner, List.of())) {
      BigInteger offset = slot.subtract(base);
      if (offset.signum() >= 0 && offset.compareTo(ASSOCIATED_SPAN) <= 0) {
        return true;
      }
    }
    return false;
  }

  private static Map<Address, List<BigInteger>> associatedBases(List<Bytes> preimages) {
    Map<Address, List<BigInteger>> bases = new HashMap<>();
    for (Bytes preimage : preimages) {
      byte[] bytes = preimage.toArray();
      if (bytes.length != 64 || !leadingZeros(bytes, 12)) {
        continue;
      }
      bases
          .computeIfAbsent(Address.fromWord(bytes, 0), ignored -> new ArrayList<>())
          .add(new BigInteger(1, Hash.sha3(bytes)));
    }
    return bases;
  }

  private static boolean leadingZeros(byte[] bytes, int count) {
    for (int i = 0; i < count; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String forbidden(boolean write, Address address, BigInteger slot) {
    return "has forbidden " + (write ? "write to " : "read from ") + address + " slot " + hex(slot);
  }

  private static String hex(BigInteger slot) {
    return "0x" + slot.toString(16);
  }

  private static UserOperationRejectedException banned(Entity entity, String what, String rule) {
    return new UserOperationRejectedException(
        RejectionReason.BANNED_OPCODE, entity.title() + " " + what + " (" + rule + ")");
  }

  private static UserOperationRejectedException unstaked(Entity entity, String what, String rule) {
    return new UserOperationRejectedException(
        RejectionReason.BANNED_OPCODE,
        "unstaked " + entity.title() + " " + what + ", allowed only when staked (" + rule + ")");
  }
}
