package dev.acepipe.exec;

/** Where a step is in a run. */
public enum StepState {
  /** Waiting for its inputs or for a free slot. */
  WAITING,
  /** Submitted (or executing synchronously); being polled. */
  RUNNING,
  SUCCEEDED,
  /** Not submitted: the artifact store had verified outputs for the step's exact fingerprint. */
  CACHED,
  FAILED,
  /** Not run because a step it depends on failed, or the run stopped first. */
  SKIPPED,
  /**
   * In flight when the run was interrupted or stopped by --fail-fast; the server may still finish
   * it.
   */
  ABANDONED;

  /** True for the states whose output later steps can use: succeeded or cached. */
  public boolean hasOutput() {
    return this == SUCCEEDED || this == CACHED;
  }

  public boolean terminal() {
    return this != WAITING && this != RUNNING;
  }
}
