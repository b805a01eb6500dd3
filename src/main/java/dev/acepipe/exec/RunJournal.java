package dev.acepipe.exec;

import java.util.Optional;

/**
 * The seam for the store: a step cache and a journal of submitted tasks. {@link #NONE} satisfies it with no
 * caching and no journal.
 */
public interface RunJournal {
  RunJournal NONE = new RunJournal() {};

  /**
   * A stored output for this resolved step (same request, same input audio), so it is not sent again; empty when
   * the step must run.
   */
  default Optional<StepOutput> cached(String stepId, StepAction action, Upstream upstream) {
    return Optional.empty();
  }

  /** A task was accepted by the server (the journal lets a killed run resume polling it). */
  default void submitted(String stepId, String taskId, int attempt) {}

  /** A step finished successfully with {@code output}. */
  default void finished(String stepId, StepAction action, StepOutput output) {}
}
