package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.Behaviour.Entry.CALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DELEGATECALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DIRECT;
import static io.seed.bundler.core.erc7562.RuleCases.ENTITIES;
import static io.seed.bundler.core.erc7562.RuleCases.acceptedAcross;
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
 * The ERC-7562 opcode rules (OP-011 to OP-031, OP-080) on our rule contracts: each violation by
 * account, factory and paymaster, in the entity's own frame and behind CALL and DELEGATECALL, next
 * to the allowed neighbour. Every case passes plain simulation; only safe mode tells them apart.
 */
class OpcodeRulesIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  private static final List<String> OP011_OPCODES = List.of("ORIGIN", "GASPRICE", "BLOCKHASH",
      "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "BASEFEE", "CREATE", "INVALID",
      "SELFDESTRUCT");

  @ParameterizedTest(name = "{0}")
  @MethodSource({"op011", "op012", "op013", "op020", "op031", "op080"})
  void opcodeRule(RuleCase rule) {
    CHAIN.judge(rule);
  }

  /**
   * Every banned opcode for every entity in its own frame, and for the account behind CALL and
   * DELEGATECALL too; nested frames are attributed alike whatever the opcode, so factory and
   * paymaster show them with one.
   */
  static Stream<RuleCase> op011() {
    Stream<RuleCase> everyOpcode = OP011_OPCODES.stream().flatMap(opcode -> Stream.concat(
        Stream.of(Entity.values()).map(entity -> banned(entity, UNSTAKED, opcode, DIRECT)),
        Stream.of(CALL, DELEGATECALL).map(
            entry -> banned(Entity.ACCOUNT, UNSTAKED, opcode, entry))));
    Stream<RuleCase> nested = Stream.of(Entity.FACTORY, Entity.PAYMASTER).flatMap(
        entity -> Stream.of(CALL, DELEGATECALL).map(
            entry -> banned(entity, UNSTAKED, "TIMESTAMP", entry)));
    Stream<RuleCase> bannedWhenStaked = Stream.of(Entity.values()).map(
        entity -> banned(entity, STAKED, "TIMESTAMP", DIRECT));
    return Stream.of(everyOpcode, nested, bannedWhenStaked,
            acceptedAcross(ENTITIES, UNSTAKED, "OP-011", "UsesNoBannedOpcode", "NOTHING"))
        .flatMap(cases -> cases);
  }

  static Stream<RuleCase> op012() {
    return Stream.concat(
        rejectedAcross(ENTITIES, UNSTAKED, "OP-012", "UsesGasNotBeforeCall", "GAS",
            BANNED_OPCODE, "%s uses banned opcode: GAS (OP-012)"),
        acceptedAcross(ENTITIES, UNSTAKED, "OP-012", "UsesGasRightBeforeCall", "GAS_CALL"));
  }

  /** The unassigned opcode runs in a callee reached with a stipend, so validation goes on. */
  static Stream<RuleCase> op013() {
    return rejectedAcross(ENTITIES, UNSTAKED, "OP-013", "ReachesOpcode0x0c", "UNASSIGNED",
        BANNED_OPCODE, "%s uses banned opcode: opcode 0x0c (OP-013)");
  }

  static Stream<RuleCase> op020() {
    return Stream.concat(
        rejectedAcross(ENTITIES, UNSTAKED, "OP-020", "CallsACalleeThatRunsOutOfGas",
            "OUT_OF_GAS", BANNED_OPCODE, "%s internally reverts on oog (OP-020)"),
        acceptedAcross(ENTITIES, UNSTAKED, "OP-020", "CallsACalleeWithinItsGas", "STIPEND_CALL"));
  }

  static Stream<RuleCase> op031() {
    return Stream.concat(
        Stream.of(RuleCase.accepted("OP-031", Entity.FACTORY, "DeploysTheSenderWithCreate2",
            DIRECT, c -> c.operation(Entity.FACTORY, UNSTAKED, Behaviour.NONE))),
        rejectedAcross(ENTITIES, UNSTAKED, "OP-031", "UsesAnotherCreate2", "CREATE2",
            BANNED_OPCODE, "%s uses banned opcode: CREATE2 (OP-031)"));
  }

  private static RuleCase banned(Entity entity, Staking staking, String opcode, Entry entry) {
    String does = (staking == STAKED ? "StakedUses" : "Uses") + camel(opcode);
    return RuleCase.rejected("OP-011", entity, does, entry,
        c -> c.operation(entity, staking, new Behaviour(entry, opcode)), BANNED_OPCODE,
        entity.title() + " uses banned opcode: " + opcode + " (OP-011)");
  }

  static Stream<RuleCase> op080() {
    return Stream.of("BALANCE", "SELFBALANCE").flatMap(opcode -> Stream.concat(
        rejectedAcross(ENTITIES, UNSTAKED, "OP-080", "UnstakedUses" + camel(opcode), opcode,
            BANNED_OPCODE,
            "unstaked %s uses banned opcode: " + opcode + ", allowed only when staked (OP-080)"),
        acceptedAcross(ENTITIES, STAKED, "OP-080", "StakedUses" + camel(opcode), opcode)));
  }
}
