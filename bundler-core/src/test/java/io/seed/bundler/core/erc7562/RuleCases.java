package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.erc7562.RuleContracts.Staking;
import io.seed.bundler.core.validation.RejectionReason;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/** Helpers for the rule tests' case tables. */
final class RuleCases {
  static final List<Entity> ENTITIES = List.of(Entity.values());

  private RuleCases() {}

  /** {@code caseOf} for each of {@code entities} in every entry. */
  static Stream<RuleCase> across(
      List<Entity> entities, BiFunction<Entity, Entry, RuleCase> caseOf) {
    return entities.stream()
        .flatMap(entity -> Stream.of(Entry.values()).map(entry -> caseOf.apply(entity, entry)));
  }

  /**
   * Each of {@code entities} ({@code staking}) running {@code behaviour} in every entry, rejected
   * for {@code reason} with a message containing each of {@code fragments}, where {@code %s}
   * stands for the entity's title.
   */
  static Stream<RuleCase> rejectedAcross(
      List<Entity> entities, Staking staking, String rule, String does, String behaviour,
      RejectionReason reason, String... fragments) {
    return across(entities, (entity, entry) -> RuleCase.rejected(rule, entity, does, entry,
        contracts -> contracts.operation(entity, staking, new Behaviour(entry, behaviour)),
        reason, Stream.of(fragments).map(f -> f.replace("%s", entity.title()))
            .toArray(String[]::new)));
  }

  /** Each of {@code entities} ({@code staking}) running {@code behaviour} anyhow, accepted. */
  static Stream<RuleCase> acceptedAcross(
      List<Entity> entities, Staking staking, String rule, String does, String behaviour) {
    return across(entities, (entity, entry) -> RuleCase.accepted(rule, entity, does, entry,
        contracts -> contracts.operation(entity, staking, new Behaviour(entry, behaviour))));
  }

  /** {@code SENDER_TOKEN_READ} → {@code SenderTokenRead}: a behaviour's name in a test name. */
  static String camel(String behaviour) {
    StringBuilder camel = new StringBuilder();
    for (String word : behaviour.toLowerCase(Locale.ROOT).split("_")) {
      camel.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return camel.toString();
  }
}
