package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.sessionkey.Verdict;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.Rejections;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generated operation judged twice: by the pre-validator and by {@code simulateValidation},
 * whose result is read with the bundler's own rules into the class of rejection the bundler
 * would answer ({@code null} when it accepts).
 */
record Agreement(String kind, Verdict verdict, RejectionReason chain, String chainDetail) {
  /** Kinds whose verdict the pre-validator may leave undecided or get wrong only by passing. */
  static final String LEFT_TO_SIMULATION = "left to simulation: ";
  /**
   * Kinds where the chain's SmartSession build (modulekit 0.5.9, before v1.0.0) differs from the
   * v1.0.0 rules the pre-validator follows: reported, and expected to disagree.
   */
  static final String BUILD_DIFFERENCE = "build difference: ";
  /** Kinds that are not Smart Sessions operations at all: the pre-validator must not apply. */
  static final String NOT_A_SESSION = "not a session: ";

  /** The two verdicts on an operation of {@code kind} simulated at {@code now}. */
  static Agreement of(String kind, Verdict verdict, Simulation<ValidationResult> simulation,
      long now, long marginSeconds) {
    RejectionReason chain;
    String detail;
    try {
      detail = switch (simulation) {
        case Simulation.Reverted<ValidationResult> reverted -> {
          UserOperationRejectedException rejection = Rejections.fromRevert(reverted.revert());
          throw rejection;
        }
        case Simulation.Passed<ValidationResult> passed -> {
          ValidationData account = passed.result().returnInfo().accountValidationData();
          ValidationData paymaster = passed.result().returnInfo().paymasterValidationData();
          Rejections.requireAuthorized(account, paymaster);
          Rejections.requireValidWindow(account.intersect(paymaster), now, marginSeconds);
          yield "accepted, validationData " + account;
        }
      };
      chain = null;
    } catch (UserOperationRejectedException rejected) {
      chain = rejected.reason();
      detail = simulation instanceof Simulation.Reverted<ValidationResult> reverted
          ? reverted.revert().describe() : rejected.getMessage();
    }
    return new Agreement(kind, verdict, chain, detail);
  }

  /** Nothing the chain accepts is rejected, and a rejection has the class of the failure. */
  boolean consistent() {
    if (kind.startsWith(BUILD_DIFFERENCE)) {
      return true;
    }
    if (!verdict.rejected()) {
      return true;
    }
    return chain != null && verdict.reason() == chain;
  }

  /** For a modelled kind, the pre-validator decides and decides as the chain does. */
  boolean exact() {
    if (kind.startsWith(LEFT_TO_SIMULATION) || kind.startsWith(BUILD_DIFFERENCE)) {
      return consistent();
    }
    if (kind.startsWith(NOT_A_SESSION)) {
      return verdict.kind() == Verdict.Kind.NOT_APPLICABLE;
    }
    return chain == null ? verdict.kind() == Verdict.Kind.PASS
        : verdict.rejected() && verdict.reason() == chain;
  }

  private String preValidator() {
    return verdict.rejected() ? "REJECT " + verdict.reason() : verdict.kind().name();
  }

  /** Per kind, the counts of (pre-validator, chain) pairs, then up to 25 disagreements. */
  static String summary(List<Agreement> agreements) {
    Map<String, Map<String, Integer>> byKind = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    for (Agreement a : agreements) {
      String chainSays = a.chain() == null ? "accepted" : a.chain().name();
      byKind.computeIfAbsent(a.kind(), ignored -> new TreeMap<>())
          .merge(a.preValidator() + " / chain " + chainSays, 1, Integer::sum);
      if (!a.exact() && disagreements.size() < 25) {
        disagreements.add(a.kind() + ": pre-validator " + a.preValidator() + " ("
            + a.verdict().message() + "), chain " + chainSays + " (" + a.chainDetail() + ")");
      }
    }
    StringBuilder text = new StringBuilder();
    byKind.forEach((kind, counts) -> text.append(kind).append(": ").append(counts).append('\n'));
    disagreements.forEach(d -> text.append("DISAGREE ").append(d).append('\n'));
    return text.toString();
  }
}
