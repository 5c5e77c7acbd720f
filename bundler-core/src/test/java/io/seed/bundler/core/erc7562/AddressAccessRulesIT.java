package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.Behaviour.Entry.CALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DELEGATECALL;
import static io.seed.bundler.core.erc7562.Behaviour.Entry.DIRECT;
import static io.seed.bundler.core.erc7562.RuleCases.ENTITIES;
import static io.seed.bundler.core.erc7562.RuleCases.acceptedAcross;
import static io.seed.bundler.core.erc7562.RuleCases.camel;
import static io.seed.bundler.core.erc7562.RuleCases.rejectedAcross;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static io.seed.bundler.core.validation.RejectionReason.BANNED_OPCODE;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ERC-7562 rules on what validation may reach (OP-041 to OP-062): addresses without code, the
 * EntryPoint, calls with value and precompiles, for account, factory and paymaster, in the
 * entity's own frame and behind CALL and DELEGATECALL, next to the allowed neighbours. Every case
 * passes plain simulation; only safe mode tells them apart.
 */
class AddressAccessRulesIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  /** Behaviour → the opcode it reaches the codeless address with. */
  private static final Map<String, String> CODELESS_ACCESSES = Map.of(
      "EXTCODESIZE_NO_CODE", "EXTCODESIZE", "EXTCODEHASH_NO_CODE", "EXTCODEHASH",
      "EXTCODECOPY_NO_CODE", "EXTCODECOPY", "CALL_NO_CODE", "CALL",
      "STATICCALL_NO_CODE", "STATICCALL", "DELEGATECALL_NO_CODE", "DELEGATECALL");
  private static final String BLS12_G1ADD = "0x000000000000000000000000000000000000000b";

  @ParameterizedTest(name = "{0}")
  @MethodSource({"op041", "op042", "op051", "op052", "op053", "op054", "op061", "op062"})
  void addressAccessRule(RuleCase rule) {
    CHAIN.judge(rule);
  }

  /**
   * Every kind of access to a codeless address by every entity in its own frame, and by the
   * account behind CALL and DELEGATECALL too; nested frames are attributed alike whatever the
   * access, so factory and paymaster show them with EXTCODESIZE.
   */
  static Stream<RuleCase> op041() {
    Stream<RuleCase> everyAccess = CODELESS_ACCESSES.keySet().stream().sorted().flatMap(
        behaviour -> Stream.concat(
            Stream.of(Entity.values()).map(entity -> codeless(entity, behaviour, DIRECT)),
            Stream.of(CALL, DELEGATECALL).map(
                entry -> codeless(Entity.ACCOUNT, behaviour, entry))));
    Stream<RuleCase> nested = Stream.of(Entity.FACTORY, Entity.PAYMASTER).flatMap(entity ->
        Stream.of(CALL, DELEGATECALL).map(entry -> codeless(entity, "EXTCODESIZE_NO_CODE", entry)));
    return Stream.of(everyAccess, nested,
            acceptedAcross(ENTITIES, UNSTAKED, "OP-041", "ExtcodesizeWithCode", "EXTCODESIZE_CODE"))
        .flatMap(cases -> cases);
  }

  /** The sender has no code yet while the factory runs. */
  static Stream<RuleCase> op042() {
    return acceptedAcross(List.of(Entity.FACTORY), UNSTAKED, "OP-042", "ExtcodesizeOfTheSender",
        "EXTCODESIZE_SENDER");
  }

  static Stream<RuleCase> op051() {
    return acceptedAcross(ENTITIES, UNSTAKED, "OP-051", "ChecksTheEntryPointHasCode",
        "EP_EXTCODESIZE_ISZERO");
  }

  /**
   * depositTo(sender) from the sender's or the factory's own code; a deposit for anyone else is
   * refused, and from anywhere else (the paymaster, a contract they CALL) depositTo is the
   * forbidden EntryPoint access of OP-054.
   */
  static Stream<RuleCase> op052() {
    Stream<RuleCase> depositors = Stream.of(Entity.ACCOUNT, Entity.FACTORY).flatMap(
        entity -> Stream.of(DIRECT, DELEGATECALL).flatMap(entry -> Stream.of(
            deposit(entity, entry),
            RuleCase.rejected("OP-052", entity, "DepositsForAnotherAccount", entry,
                c -> c.operation(entity, UNSTAKED, new Behaviour(entry, "EP_DEPOSIT_TO_OTHER")),
                BANNED_OPCODE, entity.title()
                    + " has forbidden depositTo for another account than the sender (OP-052)"))));
    Stream<RuleCase> others = Stream.of(deposit(Entity.PAYMASTER, DIRECT),
        deposit(Entity.PAYMASTER, DELEGATECALL), deposit(Entity.ACCOUNT, CALL),
        deposit(Entity.FACTORY, CALL));
    return Stream.concat(depositors, others);
  }

  /** The EntryPoint's fallback with value: only from the sender's own code. */
  static Stream<RuleCase> op053() {
    Stream<RuleCase> allowed = Stream.of(
        fallback(Entity.ACCOUNT, DIRECT), fallback(Entity.ACCOUNT, DELEGATECALL),
        RuleCase.accepted("OP-053", Entity.ACCOUNT, "PaysItsPrefund", DIRECT,
            c -> c.operation(Entity.ACCOUNT, UNSTAKED, Behaviour.NONE)));
    Stream<RuleCase> forbidden = Stream.of(fallback(Entity.ACCOUNT, CALL),
        fallback(Entity.FACTORY, DIRECT), fallback(Entity.PAYMASTER, DIRECT));
    return Stream.concat(allowed, forbidden);
  }

  static Stream<RuleCase> op054() {
    return Stream.concat(
        rejectedAcross(ENTITIES, UNSTAKED, "OP-054", "ReadsAnEntryPointBalance", "EP_BALANCE_OF",
            BANNED_OPCODE,
            "%s has forbidden STATICCALL to the EntryPoint with selector 0x70a08231 (OP-054)"),
        rejectedAcross(ENTITIES, UNSTAKED, "OP-054", "HashesTheEntryPointsCode", "EP_EXTCODEHASH",
            BANNED_OPCODE, "%s has forbidden EXTCODEHASH on the EntryPoint (OP-054)"));
  }

  static Stream<RuleCase> op061() {
    return Stream.concat(
        rejectedAcross(ENTITIES, UNSTAKED, "OP-061", "CallsWithValue", "VALUE_CALL",
            BANNED_OPCODE, "%s has forbidden CALL with value to " + RuleContracts.SINK
                + " (OP-061)"),
        acceptedAcross(ENTITIES, UNSTAKED, "OP-061", "CallsWithoutValue", "STIPEND_CALL"));
  }

  static Stream<RuleCase> op062() {
    Stream<RuleCase> core = Stream.concat(
        acceptedAcross(ENTITIES, UNSTAKED, "OP-062", "PrecompileEcrecover", "PRECOMPILE_ECRECOVER"),
        Stream.of(Entity.values()).map(entity -> RuleCase.accepted("OP-062", entity,
            "PrecompileSha256", DIRECT,
            c -> c.operation(entity, UNSTAKED, new Behaviour(DIRECT, "PRECOMPILE_SHA256")))));
    return Stream.concat(core,
        rejectedAcross(ENTITIES, UNSTAKED, "OP-062", "PrecompileBls12G1add",
            "PRECOMPILE_BLS12_G1ADD", BANNED_OPCODE,
            "%s accesses forbidden precompile " + BLS12_G1ADD + " (OP-062)"));
  }

  private static RuleCase codeless(Entity entity, String behaviour, Entry entry) {
    return RuleCase.rejected("OP-041", entity, camel(behaviour), entry,
        c -> c.operation(entity, UNSTAKED, new Behaviour(entry, behaviour)), BANNED_OPCODE,
        entity.title() + " accesses un-deployed contract " + RuleContracts.NO_CODE + " with "
            + CODELESS_ACCESSES.get(behaviour) + " (OP-041)");
  }

  private static RuleCase deposit(Entity entity, Entry entry) {
    return entryPointCall("OP-052", entity, entry, "DepositsForTheSender", "EP_DEPOSIT_TO_SENDER",
        "with selector 0xb760faf9");
  }

  private static RuleCase fallback(Entity entity, Entry entry) {
    return entryPointCall("OP-053", entity, entry, "CallsTheEntryPointFallbackWithValue",
        "EP_FALLBACK_WITH_VALUE", "fallback");
  }

  /** Allowed from the sender's (and for deposits the factory's) own code, else OP-054. */
  private static RuleCase entryPointCall(
      String rule, Entity entity, Entry entry, String does, String behaviour, String target) {
    boolean ownCode = entry != CALL;
    boolean permitted = entity == Entity.ACCOUNT
        || entity == Entity.FACTORY && behaviour.equals("EP_DEPOSIT_TO_SENDER");
    Behaviour call = new Behaviour(entry, behaviour);
    if (ownCode && permitted) {
      return RuleCase.accepted(rule, entity, does, entry, c -> c.operation(entity, UNSTAKED, call));
    }
    return RuleCase.rejected(rule, entity, does, entry, c -> c.operation(entity, UNSTAKED, call),
        BANNED_OPCODE,
        entity.title() + " has forbidden CALL to the EntryPoint " + target + " (OP-054)");
  }
}
