package dev.acepipe.exec;

import java.util.Optional;

/**
 * The seam for the store: a step cache and a journal of submitted tasks. {@link #NONE} satisfies it
 * with no caching and no journal. The executor calls it from its one loop thread.
 *
 * <p>Call order for a job step: {@link #cached} once its inputs exist (a hit ends the step as
 * {@code CACHED}); otherwise {@link #reattach} (a task an earlier, killed run left on the server is
 * polled instead of submitted); then {@link #submitted} after every submission, before the task is
 * polled; finally {@link #finished} or {@link #failed}, and {@link #lost} whenever the server
 * forgot a task.
 */
public interface RunJournal {
  RunJournal NONE = new RunJournal() {};

  /**
   * A stored output for this resolved step (same request, same input audio), so it is not sent
   * again; empty when the step must run.
   */
  default Optional<StepOutput> cached(String stepId, StepAction action, Upstream upstream) {
    return Optional.empty();
  }

  /**
   * The id of a task an earlier run submitted for exactly this step (same fingerprint) on {@code
   * server} (its base URL) and never saw finish: the executor polls it there instead of submitting.
   * Only asked after {@link #cached} missed.
   */
  default Optional<String> reattach(String stepId, String server) {
    return Optional.empty();
  }

  /**
   * Whether an earlier run left a task for exactly this step unfinished on {@code server}; asked
   * before routing in a pool, so the step goes where {@link #reattach} can find its task. Changes
   * nothing.
   */
  default boolean holdsTask(String stepId, String server) {
    return false;
  }

  /**
   * A task was accepted by {@code server} (its base URL; in a pool, the server the job was routed
   * to), so a killed run can resume polling it there. Must be durable when it returns: the executor
   * polls only afterwards.
   */
  default void submitted(String stepId, String server, String taskId, int attempt) {}

  /**
   * The server no longer knows {@code taskId} (it restarted); the executor may submit the step
   * again.
   */
  default void lost(String stepId, String taskId) {}

  /** A step finished successfully with {@code output}. */
  default void finished(String stepId, StepAction action, StepOutput output) {}

  /**
   * A step's takes all failed their {@code expect:} and it asks for new ones: from now on its seeds
   * are those of {@code extraRerolls} more rerolls (the lockfile records the total, so the next run
   * reproduces them).
   */
  default void rerolled(String stepId, int extraRerolls) {}

  /** A step failed for good; its tasks are not worth re-attaching to. */
  default void failed(String stepId) {}

  /** The run learned what its server can do (once, before the first job is submitted). */
  default void profiled(dev.acepipe.client.ServerProfile profile) {}

  /**
   * The server did not use the seeds sent for {@code stepId} (called before {@link #finished}): its
   * lock block says it is not reproducible.
   */
  default void notReproducible(String stepId) {}

  /**
   * The output a step that just succeeded hands on, given the one it produced: the same, unless an
   * earlier answer is pinned for it (the text a {@code sample} step's language model wrote). Called
   * before {@link #finished}.
   */
  default StepOutput settled(String stepId, StepAction action, StepOutput output) {
    return output;
  }
}
