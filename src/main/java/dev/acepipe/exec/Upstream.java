package dev.acepipe.exec;

/** The outputs of the steps that have finished, for resolving a step's templates at run time. */
@FunctionalInterface
public interface Upstream {
  /**
   * The output of {@code stepId}.
   *
   * @throws NotFinishedException when {@code stepId} has not finished
   */
  StepOutput output(String stepId);

  /**
   * A step's output was asked for before the step finished. An {@link IllegalArgumentException}
   * (asking is a caller's mistake) of its own type, so that readers that may ask early (a cache
   * check, a template resolving upstream fields) tell it apart from a broken request.
   */
  final class NotFinishedException extends IllegalArgumentException {
    public NotFinishedException(String stepId, String why) {
      super("step '" + stepId + "' " + why);
    }
  }
}
