package dev.acepipe.exec;

/** Where a step is in a run. */
public enum StepState {
  /** Waiting for its inputs or for a free slot. */
  WAITING,
  /** Submitted (or executing synchronously); being polled. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Not run because a step it depends on failed, or the run stopped first. */
  SKIPPED,
  /** In flight when the run was interrupted or stopped by --fail-fast; the server may still finish it. */
  ABANDONED;

  public boolean terminal() {
    return this != WAITING && this != RUNNING;
  }
}
