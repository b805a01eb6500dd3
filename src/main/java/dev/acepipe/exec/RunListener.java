package dev.acepipe.exec;

/**
 * Hears about progress. Called on the executor's loop thread, or in a pool run on any of its
 * threads but one at a time (under its run lock); implementations must be quick and never throw.
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  /** A step changed state or stage. */
  default void stepChanged(StepView view) {}

  /** One poll tick finished; {@code views} holds every step (for live tables). */
  default void tick(java.util.List<StepView> views) {}

  /**
   * The server answered {@code /v1/stats} (its {@code avg_job_seconds} gives progress displays an
   * ETA).
   */
  default void serverStats(dev.acepipe.client.ServerStats stats) {}

  /**
   * The server stopped answering at {@code since}; calls wait and are retried for up to {@code
   * retryFor} before the run gives up. Called once per outage, from the thread that then waits.
   */
  default void serverUnreachable(
      String server, java.time.Instant since, java.time.Duration retryFor) {}

  /** The server answered again after an outage reported by {@link #serverUnreachable}. */
  /** One line of what the run did to a server, e.g. a LoRA switch. */
  default void note(String line) {}

  default void serverReachable(String server, java.time.Duration down) {}
}
