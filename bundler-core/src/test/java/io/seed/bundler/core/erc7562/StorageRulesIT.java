package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.Behaviour.Entry.CALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DELEGATECALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DIRECT;
import static io.seed.bundler.core.erc7562.RuleCases.acceptedAcross;
import static io.seed.bundler.core.erc7562.RuleCases.across;
import static io.seed.bundler.core.erc7562.RuleCases.camel;
import static io.seed.bundler.core.erc7562.RuleCases.rejectedAcross;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.STAKED;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static io.seed.bundler.core.validation.RejectionReason.BANNED_OPCODE;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.erc7562.RuleContracts.Staking;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ERC-7562 storage rules (STO-010 to STO-033, and OP-070 for transient storage) on our rule
 * contracts: the account's own storage, storage associated with the sender or with a staked
 * entity, and any other storage, for account, factory and paymaster, staked and unstaked, in the
 * entity's own frame and behind CALL and DELEGATECALL. Every case passes plain simulation; only
 * safe mode tells them apart.
 *
 * <p>RuleToken's slots: totalSupply (slot 0) is associated with no address; balanceOf[a],
 * info[a].c, allowance[x][a] and the slot numbered a are associated with {@code a}. A
 * behaviour's SELF_* slot is 0x7562 of the contract running it: the entity's own storage directly
 * and by DELEGATECALL, RuleTarget's by CALL.
 */
class StorageRulesIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  private static final List<String> SENDER_ASSOCIATED = List.of("SENDER_TOKEN_READ",
      "SENDER_TOKEN_WRITE", "SENDER_TOKEN_STRUCT_WRITE", "SENDER_ADDRESS_SLOT_READ");
  private static final List<String> OWN_STORAGE = List.of("SELF_READ", "SELF_WRITE");
  private static final List<String> OWN_TRANSIENT_STORAGE = List.of("SELF_TLOAD", "SELF_TSTORE");
  private static final List<String> ENTITY_ASSOCIATED =
      List.of("ENTITY_TOKEN_READ", "ENTITY_TOKEN_WRITE", "ENTITY_ALLOWANCE_READ");
  private static final List<Entity> STAKEABLE = List.of(Entity.FACTORY, Entity.PAYMASTER);
  private static final String TOTAL_SUPPLY = RuleContracts.TOKEN + " slot 0x0";

  @ParameterizedTest(name = "{0}")
  @MethodSource({"sto010", "sto021", "sto022", "sto031", "sto032", "sto033", "op070"})
  void storageRule(RuleCase rule) {
    CHAIN.judge(rule);
  }

  static Stream<RuleCase> sto010() {
    return accountOwnStorage("STO-010", OWN_STORAGE);
  }

  /** The sender exists: its associated storage is open to the account and an unstaked paymaster. */
  static Stream<RuleCase> sto021() {
    return SENDER_ASSOCIATED.stream().flatMap(behaviour -> acceptedAcross(
        List.of(Entity.ACCOUNT, Entity.PAYMASTER), UNSTAKED, "STO-021",
        "Unstaked" + camel(behaviour), behaviour));
  }

  /**
   * The sender is being deployed: its associated storage needs a staked factory (or entity).
   * Which slots are associated STO-021 shows; here a read and a write of one suffice.
   */
  static Stream<RuleCase> sto022() {
    return Stream.of(Staking.values()).flatMap(staking -> Stream.concat(
        Stream.of("SENDER_TOKEN_READ", "SENDER_TOKEN_WRITE")
            .flatMap(behaviour -> deployingSenderStorage(staking, behaviour)),
        deployingPaymasterStorage(staking)));
  }

  static Stream<RuleCase> sto031() {
    return entityOwnStorage("STO-031", OWN_STORAGE);
  }

  static Stream<RuleCase> sto032() {
    return ENTITY_ASSOCIATED.stream().flatMap(behaviour -> Stream.concat(
        rejectedAcross(STAKEABLE, UNSTAKED, "STO-032", "Unstaked" + camel(behaviour), behaviour,
            BANNED_OPCODE, "unstaked %s accessed " + RuleContracts.TOKEN + " slot",
            "(STO-032)"),
        acceptedAcross(STAKEABLE, STAKED, "STO-032", "Staked" + camel(behaviour), behaviour)));
  }

  /**
   * Storage associated with no address: read only by a staked factory or paymaster, never
   * written; RuleTarget's own slot, reached by CALL, is such storage too.
   */
  static Stream<RuleCase> sto033() {
    List<Entity> all = List.of(Entity.values());
    return Stream.of(
            rejectedAcross(all, UNSTAKED, "STO-033", "UnstakedReadsUnassociatedStorage",
                "EXTERNAL_READ", BANNED_OPCODE, stakeNeeded("%s", TOTAL_SUPPLY, "STO-033")),
            acceptedAcross(STAKEABLE, STAKED, "STO-033", "StakedReadsUnassociatedStorage",
                "EXTERNAL_READ"),
            rejectedAcross(STAKEABLE, STAKED, "STO-033", "StakedWritesUnassociatedStorage",
                "EXTERNAL_WRITE", BANNED_OPCODE,
                "%s has forbidden write to " + TOTAL_SUPPLY + " (STO-033)"),
            rejectedAcross(List.of(Entity.ACCOUNT), UNSTAKED, "STO-033",
                "WritesUnassociatedStorage", "EXTERNAL_WRITE", BANNED_OPCODE,
                "%s has forbidden write to " + TOTAL_SUPPLY + " (STO-033)"),
            Stream.of(RuleCase.rejected("STO-033", Entity.ACCOUNT, "WritesTheCalleesOwnSlot", CALL,
                c -> c.operation(Entity.ACCOUNT, UNSTAKED, new Behaviour(CALL, "SELF_WRITE")),
                BANNED_OPCODE, "account has forbidden write to " + RuleContracts.TARGET
                    + " slot 0x7562 (STO-033)")))
        .flatMap(cases -> cases);
  }

  /**
   * Transient storage (TLOAD, TSTORE) is judged as persistent storage: the account's own is open,
   * a factory's or paymaster's own needs stake, another contract's is never written.
   */
  static Stream<RuleCase> op070() {
    return Stream.of(
            accountOwnStorage("OP-070", OWN_TRANSIENT_STORAGE),
            entityOwnStorage("OP-070", OWN_TRANSIENT_STORAGE),
            Stream.of(RuleCase.rejected("OP-070", Entity.ACCOUNT, "TstoresInTheCallee", CALL,
                c -> c.operation(Entity.ACCOUNT, UNSTAKED, new Behaviour(CALL, "SELF_TSTORE")),
                BANNED_OPCODE, "account has forbidden write to " + RuleContracts.TARGET
                    + " slot 0x7562 (STO-033)")))
        .flatMap(cases -> cases);
  }

  /** The account touching its own slot, directly and by DELEGATECALL: always allowed. */
  private static Stream<RuleCase> accountOwnStorage(String rule, List<String> behaviours) {
    return behaviours.stream().flatMap(behaviour -> Stream.of(DIRECT, DELEGATECALL).map(
        entry -> RuleCase.accepted(rule, Entity.ACCOUNT, camel(behaviour), entry,
            c -> c.operation(Entity.ACCOUNT, UNSTAKED, new Behaviour(entry, behaviour)))));
  }

  /** A factory or paymaster touching its own slot: allowed only when staked. */
  private static Stream<RuleCase> entityOwnStorage(String rule, List<String> behaviours) {
    return behaviours.stream().flatMap(behaviour -> Stream.of(DIRECT, DELEGATECALL).flatMap(
        entry -> STAKEABLE.stream().flatMap(entity -> Stream.of(
            RuleCase.rejected(rule, entity, "Unstaked" + camel(behaviour), entry,
                c -> c.operation(entity, UNSTAKED, new Behaviour(entry, behaviour)),
                BANNED_OPCODE, stakeNeeded(entity.title(),
                    RuleContracts.address(entity, UNSTAKED) + " slot 0x7562", "STO-031")),
            RuleCase.accepted(rule, entity, "Staked" + camel(behaviour), entry,
                c -> c.operation(entity, STAKED, new Behaviour(entry, behaviour)))))));
  }

  /** Account or factory touching storage of a sender the factory of {@code staking} deploys. */
  private static Stream<RuleCase> deployingSenderStorage(Staking staking, String behaviour) {
    String does =
        (staking == STAKED ? "WithStakedFactory" : "WithUnstakedFactory") + camel(behaviour);
    return across(List.of(Entity.ACCOUNT, Entity.FACTORY), (entity, entry) -> {
      Behaviour touch = new Behaviour(entry, behaviour);
      Behaviour factory = entity == Entity.FACTORY ? touch : Behaviour.NONE;
      Behaviour account = entity == Entity.ACCOUNT ? touch : Behaviour.NONE;
      return staking == STAKED
          ? RuleCase.accepted("STO-022", entity, does, entry,
              c -> c.deployingOperation(staking, factory, account))
          : RuleCase.rejected("STO-022", entity, does, entry,
              c -> c.deployingOperation(staking, factory, account), BANNED_OPCODE,
              "unstaked " + entity.title() + " accessed " + RuleContracts.TOKEN, "(STO-022)");
    });
  }

  /**
   * A paymaster touching the storage of a sender being deployed: allowed only when the paymaster
   * itself is staked; a staked factory answers for the deployment, not for the paymaster.
   */
  private static Stream<RuleCase> deployingPaymasterStorage(Staking factory) {
    String with = factory == STAKED ? "WithStakedFactory" : "WithUnstakedFactory";
    Entity paymaster = Entity.PAYMASTER;
    return Stream.of(Entry.values()).flatMap(entry -> Stream.of(
        RuleCase.rejected("STO-022", paymaster,
            "UnstakedWritesStorageOfASenderBeingDeployed" + with, entry,
            c -> c.deployingPaymasterOperation(factory, UNSTAKED, write(entry)),
            BANNED_OPCODE, "unstaked paymaster accessed " + RuleContracts.TOKEN, "(STO-022)"),
        RuleCase.accepted("STO-022", paymaster, "StakedWritesStorageOfASenderBeingDeployed" + with,
            entry, c -> c.deployingPaymasterOperation(factory, STAKED, write(entry)))));
  }

  private static Behaviour write(Entry entry) {
    return new Behaviour(entry, "SENDER_TOKEN_WRITE");
  }

  private static String stakeNeeded(String entity, String slot, String rule) {
    return "unstaked " + entity + " accessed " + slot + ", allowed only when staked (" + rule + ")";
  }
}
