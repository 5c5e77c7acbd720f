package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import java.util.Optional;
import java.util.function.Function;

/**
 * One ERC-7562 test case: an operation on the rule contracts and the verdict safe mode must reach
 * on it, named after the rule and the behaviour, e.g. {@code
 * op011_accountUsesTimestampViaCallIsRejected}.
 */
record RuleCase(
    String name,
    Function<RuleContracts, PackedUserOperation> operation,
    Optional<Rejection> rejection) {

  /** The reason and substrings of the message of a rejection. */
  record Rejection(RejectionReason reason, String... fragments) {}

  /** A case safe mode accepts. */
  static RuleCase accepted(
      String rule, Entity entity, String does, Entry entry,
      Function<RuleContracts, PackedUserOperation> operation) {
    return new RuleCase(name(rule, entity, does, entry, "IsAccepted"), operation, Optional.empty());
  }

  /** A case safe mode rejects for {@code reason} with a message containing each fragment. */
  static RuleCase rejected(
      String rule, Entity entity, String does, Entry entry,
      Function<RuleContracts, PackedUserOperation> operation, RejectionReason reason,
      String... fragments) {
    return new RuleCase(name(rule, entity, does, entry, "IsRejected"), operation,
        Optional.of(new Rejection(reason, fragments)));
  }

  /** Builds the operation and asserts the verdict, after plain simulation accepted it. */
  void judge(RuleContracts contracts, RuleVerdicts verdicts) {
    PackedUserOperation op = operation.apply(contracts);
    rejection.ifPresentOrElse(
        expected -> verdicts.assertRejected(name, op, expected.reason(), expected.fragments()),
        () -> verdicts.assertAccepted(name, op));
  }

  @Override
  public String toString() {
    return name;
  }

  private static String name(String rule, Entity entity, String does, Entry entry, String verdict) {
    String via = switch (entry) {
      case DIRECT -> "";
      case CALL -> "ViaCall";
      case DELEGATECALL -> "ViaDelegatecall";
    };
    return rule.toLowerCase().replace("-", "") + "_" + entity.title() + does + via + verdict;
  }
}
