package dev.acepipe.plan;

import dev.acepipe.dsl.model.OutputField;
import java.util.Optional;

/**
 * What the executor knows about steps that have already run; answers {@code ${steps.ID.FIELD}}.
 *
 * <p>Implementations are read-only views; {@link PlannedStep#resolve} calls them only for the
 * step's own dependencies, which the executor has finished before resolving.
 */
@FunctionalInterface
public interface StepOutputs {
  /**
   * The value of {@code field} of take 0 of the step instance {@code instanceId} (a {@link
   * PlannedStep#id()}), as text: numbers in plain decimal, {@code file} as a local path. Empty when
   * that step has not produced the field (e.g. a {@code format} step has no {@code file}).
   */
  Optional<String> value(String instanceId, OutputField field);

  /** Outputs of nothing: for steps without {@code ${steps...}} references. */
  static StepOutputs none() {
    return (id, field) -> Optional.empty();
  }
}
