package dev.acepipe.plan;

import dev.acepipe.diagnostic.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The planner's answer: a plan, or the diagnostics that prevented one (never both empty).
 *
 * @param plan null when {@code diagnostics} holds errors; see {@link #planned()}
 */
public record PlanResult(Plan plan, List<Diagnostic> diagnostics) {
  public PlanResult {
    diagnostics = List.copyOf(diagnostics);
    if (plan == null && diagnostics.stream().noneMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("no plan and no error");
    }
  }

  public Optional<Plan> planned() {
    return Optional.ofNullable(plan);
  }

  public boolean ok() {
    return plan != null;
  }
}
