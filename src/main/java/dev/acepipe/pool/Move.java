package dev.acepipe.pool;

/** What happens to a job that was on a server when the server went down. */
public sealed interface Move {
  PoolJob job();

  /** The server it was on. */
  String from();

  /**
   * The job is eligible elsewhere: route it again and resubmit the same request (same seeds). The
   * manifest records the move.
   */
  record Rerouted(PoolJob job, String from, String reason) implements Move {}

  /** The job already moved once; its step fails instead of moving again. */
  record Stranded(PoolJob job, String from, String reason) implements Move {}
}
