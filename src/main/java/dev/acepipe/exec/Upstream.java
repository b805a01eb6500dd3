package dev.acepipe.exec;

/** The outputs of the steps that have finished, for resolving a step's templates at run time. */
@FunctionalInterface
public interface Upstream {
  /**
   * The output of {@code stepId}; throws {@link IllegalArgumentException} when it has not finished.
   */
  StepOutput output(String stepId);
}
