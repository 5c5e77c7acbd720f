package io.seed.bundler.core.erc7562;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class ValidationRulesTest {
  private static final Address ENTRY_POINT = Address.fromHex("0xe9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9");
  private static final Address SENDER = Address.fromHex("0x5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e");
  private static final Address FACTORY = Address.fromHex("0xfafafafafafafafafafafafafafafafafafafafa");
  private static final Address PAYMASTER = Address.fromHex("0x9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a9a");
  private static final Address TOKEN = Address.fromHex("0x7070707070707070707070707070707070707070");
  private static final SafeModeConfig CONFIG =
      new SafeModeConfig(BigInteger.TEN, Duration.ofSeconds(100));
  private static final StakeInfo STAKED = new StakeInfo(BigInteger.TEN, BigInteger.valueOf(100));
  private static final StakeInfo TOO_LITTLE = new StakeInfo(BigInteger.TEN, BigInteger.valueOf(99));

  @Test
  void op011_accountUsesBannedOpcodeNumberIsRejectedNamingTheEntity() {
    assertBanned(frame(Entity.ACCOUNT).opcode(0x43), "account uses banned opcode: NUMBER (OP-011)");
  }

  @Test
  void op011_paymasterUsesBannedOpcodeTimestampIsRejectedEvenWhenStaked() {
    assertRejected(
        rules(null, PAYMASTER, EntityStakes.NONE.paymaster(), STAKED, List.of()),
        frame(Entity.PAYMASTER).opcode(0x42), RejectionReason.BANNED_OPCODE,
        "paymaster uses banned opcode: TIMESTAMP (OP-011)");
  }

  @Test
  void op012_gasNotFollowedByCallIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).opcode(Opcodes.GAS), "account uses banned opcode: GAS (OP-012)");
  }

  @Test
  void op013_unassignedOpcodeIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).opcode(0x0c), "account uses banned opcode: opcode 0x0c (OP-013)");
  }

  @Test
  void op020_outOfGasInsideValidationIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).outOfGas(), "account internally reverts on oog (OP-020)");
  }

  @Test
  void op031_factoryMayCreate2OnceButNotTwiceAndNoOtherEntityMay() {
    assertAllowed(deploying(), frame(Entity.FACTORY).opcode(Opcodes.CREATE2));
    assertRejected(deploying(), frame(Entity.FACTORY).opcode(Opcodes.CREATE2).opcode(Opcodes.CREATE2),
        RejectionReason.BANNED_OPCODE, "factory uses banned opcode: CREATE2 (OP-031)");
    assertBanned(frame(Entity.ACCOUNT).opcode(Opcodes.CREATE2),
        "account uses banned opcode: CREATE2 (OP-031)");
  }

  @Test
  void op041_extcodeOnAnAddressWithoutCodeIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).extcode(0x3f, TOKEN, false),
        "account accesses un-deployed contract " + TOKEN + " with EXTCODEHASH (OP-041)");
    assertBanned(frame(Entity.ACCOUNT).call(Opcodes.CALL, SENDER, TOKEN, 0, "0x12345678", false),
        "account accesses un-deployed contract " + TOKEN + " with CALL (OP-041)");
  }

  @Test
  void op042_factoryMayReadTheSenderBeforeItHasCode() {
    assertAllowed(deploying(), frame(Entity.FACTORY).extcode(0x3b, SENDER, false));
  }

  @Test
  void op051_extcodesizeOfTheEntryPointIsAllowedAndOp054OtherCodeReadsAreNot() {
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).extcode(0x3b, ENTRY_POINT, true));
    assertBanned(frame(Entity.ACCOUNT).extcode(0x3f, ENTRY_POINT, true),
        "account has forbidden EXTCODEHASH on the EntryPoint (OP-054)");
  }

  @Test
  void op052_depositToFromSenderOrFactoryIsAllowedButNotFromThePaymaster() {
    assertAllowed(deploying(),
        frame(Entity.FACTORY).call(Opcodes.CALL, FACTORY, ENTRY_POINT, 5, depositTo(SENDER), true));
    assertAllowed(unstaked(),
        frame(Entity.ACCOUNT).call(Opcodes.CALL, SENDER, ENTRY_POINT, 5, depositTo(SENDER), true));
    assertRejected(withPaymaster(StakeInfo.NONE),
        frame(Entity.PAYMASTER).call(Opcodes.CALL, PAYMASTER, ENTRY_POINT, 5, depositTo(SENDER), true),
        RejectionReason.BANNED_OPCODE,
        "paymaster has forbidden CALL to the EntryPoint with selector 0xb760faf9 (OP-054)");
  }

  @Test
  void op052_depositToForAnotherAccountIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).call(Opcodes.CALL, SENDER, ENTRY_POINT, 5, depositTo(TOKEN), true),
        "account has forbidden depositTo for another account than the sender (OP-052)");
  }

  @Test
  void op053_theFallbackWithValueOnlyFromTheSender() {
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).call(Opcodes.CALL, SENDER, ENTRY_POINT, 7, "0x", true));
    assertRejected(deploying(),
        frame(Entity.FACTORY).call(Opcodes.CALL, FACTORY, ENTRY_POINT, 7, "0x", true),
        RejectionReason.BANNED_OPCODE, "factory has forbidden CALL to the EntryPoint fallback (OP-054)");
  }

  @Test
  void op054_anyOtherEntryPointCallIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).call(0xfa, SENDER, ENTRY_POINT, 0, "0x35567e1a", true),
        "account has forbidden STATICCALL to the EntryPoint with selector 0x35567e1a (OP-054)");
  }

  @Test
  void op061_callWithValueToAnythingButTheEntryPointIsRejected() {
    assertBanned(frame(Entity.ACCOUNT).call(Opcodes.CALL, SENDER, TOKEN, 1, "0x", true),
        "account has forbidden CALL with value to " + TOKEN + " (OP-061)");
  }

  @Test
  void op062_coreprecompilesAreAllowedOthersAreNot() {
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).call(0xfa, SENDER, address(1), 0, "0x", false));
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).call(0xfa, SENDER, address(9), 0, "0x", false));
    assertBanned(frame(Entity.ACCOUNT).call(0xfa, SENDER, address(0x0a), 0, "0x", false),
        "account accesses forbidden precompile " + address(0x0a) + " (OP-062)");
  }

  @Test
  void op080_balanceIsAllowedOnlyForAStakedEntity() {
    assertRejected(withPaymaster(TOO_LITTLE), frame(Entity.PAYMASTER).opcode(Opcodes.BALANCE),
        RejectionReason.BANNED_OPCODE,
        "unstaked paymaster uses banned opcode: BALANCE, allowed only when staked (OP-080)");
    assertAllowed(withPaymaster(STAKED), frame(Entity.PAYMASTER).opcode(Opcodes.SELFBALANCE));
  }

  @Test
  void sto010_theAccountsOwnStorageIsAlwaysAllowed() {
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).write(SENDER, BigInteger.ONE));
    assertAllowed(deploying(), frame(Entity.FACTORY).write(SENDER, BigInteger.ZERO));
  }

  @Test
  void sto021_associatedStorageOfAnExistingAccountIsAllowed() {
    BigInteger balanceSlot = mappingSlot(SENDER, 3);
    assertAllowed(
        rules(null, null, StakeInfo.NONE, StakeInfo.NONE, List.of(preimage(SENDER, 3))),
        frame(Entity.ACCOUNT).write(TOKEN, balanceSlot).read(TOKEN, balanceSlot.add(BigInteger.valueOf(128))));
  }

  @Test
  void sto021_aSlotBeyondTheAssociatedSpanIsNotAssociated() {
    BigInteger beyond = mappingSlot(SENDER, 3).add(BigInteger.valueOf(129));
    assertRejected(
        rules(null, null, StakeInfo.NONE, StakeInfo.NONE, List.of(preimage(SENDER, 3))),
        frame(Entity.ACCOUNT).read(TOKEN, beyond), RejectionReason.BANNED_OPCODE,
        accessed("account", TOKEN, beyond, "STO-033"));
  }

  @Test
  void sto022_associatedStorageDuringDeploymentNeedsAStakedFactory() {
    BigInteger slot = mappingSlot(SENDER, 0);
    List<Bytes> preimages = List.of(preimage(SENDER, 0));
    assertRejected(
        rules(FACTORY, null, StakeInfo.NONE, StakeInfo.NONE, preimages),
        frame(Entity.ACCOUNT).read(TOKEN, slot), RejectionReason.BANNED_OPCODE,
        accessed("account", TOKEN, slot, "STO-022"));
    assertAllowed(
        rules(FACTORY, null, STAKED, StakeInfo.NONE, preimages), frame(Entity.ACCOUNT).read(TOKEN, slot));
  }

  @Test
  void sto031_anEntitysOwnStorageNeedsItsStake() {
    assertRejected(withPaymaster(StakeInfo.NONE), frame(Entity.PAYMASTER).read(PAYMASTER, BigInteger.TWO),
        RejectionReason.BANNED_OPCODE,
        accessed("paymaster", PAYMASTER, BigInteger.TWO, "STO-031"));
    assertAllowed(withPaymaster(STAKED), frame(Entity.PAYMASTER).write(PAYMASTER, BigInteger.TWO));
  }

  @Test
  void sto032_storageAssociatedWithAStakedEntityMayBeWritten() {
    BigInteger slot = mappingSlot(PAYMASTER, 1);
    assertAllowed(
        rules(null, PAYMASTER, StakeInfo.NONE, STAKED, List.of(preimage(PAYMASTER, 1))),
        frame(Entity.PAYMASTER).write(TOKEN, slot));
    assertRejected(
        rules(null, PAYMASTER, StakeInfo.NONE, StakeInfo.NONE, List.of(preimage(PAYMASTER, 1))),
        frame(Entity.PAYMASTER).write(TOKEN, slot), RejectionReason.BANNED_OPCODE,
        accessed("paymaster", TOKEN, slot, "STO-032"));
  }

  @Test
  void sto033_aStakedEntityMayOnlyReadOtherContracts() {
    assertAllowed(withPaymaster(STAKED), frame(Entity.PAYMASTER).read(TOKEN, BigInteger.ONE));
    assertRejected(withPaymaster(STAKED), frame(Entity.PAYMASTER).write(TOKEN, BigInteger.ONE),
        RejectionReason.BANNED_OPCODE,
        "paymaster has forbidden write to " + TOKEN + " slot 0x1 (STO-033)");
  }

  @Test
  void sto033_anotherEntitysStorageIsForbiddenEvenWhenStaked() {
    assertRejected(
        rules(FACTORY, PAYMASTER, STAKED, STAKED, List.of()),
        frame(Entity.ACCOUNT).read(PAYMASTER, BigInteger.ONE), RejectionReason.BANNED_OPCODE,
        "account has forbidden read from " + PAYMASTER + " slot 0x1 (STO-033)");
  }

  @Test
  void shouldIgnoreTheEntryPointsOwnStorageReachedThroughDepositTo() {
    assertAllowed(unstaked(), frame(Entity.ACCOUNT).write(ENTRY_POINT, BigInteger.TEN));
  }

  private static String depositTo(Address account) {
    return "0xb760faf9" + "0".repeat(24) + account.toHex().substring(2);
  }

  private static String accessed(String entity, Address contract, BigInteger slot, String rule) {
    return "unstaked " + entity + " accessed " + contract + " slot 0x" + slot.toString(16)
        + ", allowed only when staked (" + rule + ")";
  }

  private static ValidationRules unstaked() {
    return rules(null, null, StakeInfo.NONE, StakeInfo.NONE, List.of());
  }

  private static ValidationRules deploying() {
    return rules(FACTORY, null, StakeInfo.NONE, StakeInfo.NONE, List.of());
  }

  private static ValidationRules withPaymaster(StakeInfo paymasterStake) {
    return rules(null, PAYMASTER, StakeInfo.NONE, paymasterStake, List.of());
  }

  private static ValidationRules rules(
      Address factory, Address paymaster, StakeInfo factoryStake, StakeInfo paymasterStake,
      List<Bytes> preimages) {
    return new ValidationRules(
        ENTRY_POINT, SENDER, factory, paymaster,
        new EntityStakes(StakeInfo.NONE, factoryStake, paymasterStake), CONFIG, preimages);
  }

  private static void assertBanned(FrameBuilder frame, String message) {
    assertRejected(unstaked(), frame, RejectionReason.BANNED_OPCODE, message);
  }

  private static void assertRejected(
      ValidationRules rules, FrameBuilder frame, RejectionReason reason, String message) {
    assertThatThrownBy(() -> rules.check(List.of(frame.build())))
        .isInstanceOf(UserOperationRejectedException.class)
        .hasMessage(message)
        .satisfies(
            failure ->
                org.assertj.core.api.Assertions.assertThat(
                        ((UserOperationRejectedException) failure).reason())
                    .isEqualTo(reason));
  }

  private static void assertAllowed(ValidationRules rules, FrameBuilder frame) {
    assertThatCode(() -> rules.check(List.of(frame.build()))).doesNotThrowAnyException();
  }

  private static Bytes preimage(Address owner, int slot) {
    byte[] bytes = new byte[64];
    System.arraycopy(owner.toArray(), 0, bytes, 12, Address.LENGTH);
    bytes[63] = (byte) slot;
    return Bytes.wrap(bytes);
  }

  private static BigInteger mappingSlot(Address owner, int slot) {
    return new BigInteger(1, Hash.sha3(preimage(owner, slot).toArray()));
  }

  /** A precompile-range address. */
  private static Address address(int value) {
    byte[] bytes = new byte[Address.LENGTH];
    bytes[Address.LENGTH - 1] = (byte) value;
    return Address.of(bytes);
  }

  private static FrameBuilder frame(Entity entity) {
    return new FrameBuilder(entity);
  }

  /** One phase's observations, as the collector would report them. */
  private static final class FrameBuilder {
    private final Entity entity;
    private final Map<Integer, Integer> opcodes = new HashMap<>();
    private final Map<Address, Set<BigInteger>> reads = new HashMap<>();
    private final Map<Address, Set<BigInteger>> writes = new HashMap<>();
    private final List<CallRecord> calls = new ArrayList<>();
    private final List<CodeAccess> codeAccesses = new ArrayList<>();
    private boolean outOfGas;

    FrameBuilder(Entity entity) {
      this.entity = entity;
    }

    FrameBuilder opcode(int opcode) {
      opcodes.merge(opcode, 1, Integer::sum);
      return this;
    }

    FrameBuilder outOfGas() {
      outOfGas = true;
      return this;
    }

    FrameBuilder read(Address contract, BigInteger slot) {
      reads.computeIfAbsent(contract, ignored -> new HashSet<>()).add(slot);
      writes.computeIfAbsent(contract, ignored -> new HashSet<>());
      return this;
    }

    FrameBuilder write(Address contract, BigInteger slot) {
      writes.computeIfAbsent(contract, ignored -> new HashSet<>()).add(slot);
      reads.computeIfAbsent(contract, ignored -> new HashSet<>());
      return this;
    }

    FrameBuilder call(int opcode, Address from, Address to, long value, String selector, boolean hasCode) {
      calls.add(new CallRecord(opcode, from, to, BigInteger.valueOf(value), Bytes.fromHex(selector), hasCode));
      return this;
    }

    FrameBuilder extcode(int opcode, Address target, boolean hasCode) {
      codeAccesses.add(new CodeAccess(opcode, target, hasCode));
      return this;
    }

    EntityFrame build() {
      Map<Address, StorageAccess> storage = new HashMap<>();
      reads.forEach((contract, slots) -> storage.put(contract, new StorageAccess(slots, writes.get(contract))));
      return new EntityFrame(entity, opcodes, storage, calls, codeAccesses, outOfGas);
    }
  }
}
