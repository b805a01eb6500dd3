package dev.acepipe.exec;

import dev.acepipe.client.ServerProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link Executor} runs.
 *
 * @param takesDir where downloaded takes go ({@code <run dir>/takes}); one folder per step
 * @param failFast stop submitting after the first failed step
 * @param statsEvery ask {@code /v1/stats} for {@code avg_job_seconds} every this many polls (0 =
 *     never)
 */
public record ExecutorOptions(
    Path takesDir,
    boolean failFast,
    int statsEvery,
    ServerProfile.Backend backend,
    Duration lostAfter) {
  public ExecutorOptions {
    Objects.requireNonNull(takesDir, "takesDir");
    if (statsEvery < 0) {
      throw new IllegalArgumentException("statsEvery must be >= 0, was " + statsEvery);
    }
    lostAfter = Objects.requireNonNullElse(lostAfter, STALE_JOB_BOUND);
    if (lostAfter.isNegative() || lostAfter.isZero()) {
      throw new IllegalArgumentException("lostAfter must be positive, was " + lostAfter);
    }
  }

  /** ExecutorOptions for a server whose backend is learned from its profile. */
  public ExecutorOptions(Path takesDir, boolean failFast, int statsEvery) {
    this(takesDir, failFast, statsEvery, null, STALE_JOB_BOUND);
  }

  public static ExecutorOptions in(Path takesDir) {
    return new ExecutorOptions(takesDir, false, 10);
  }

  public ExecutorOptions withFailFast(boolean v) {
    return new ExecutorOptions(takesDir, v, statsEvery, backend, lostAfter);
  }

  /**
   * Who renders when the run never asks the server (a fully cached run): {@code engine run} knows
   * the embedded server renders when no server URL is given.
   */
  public ExecutorOptions withBackend(ServerProfile.Backend b) {
    return new ExecutorOptions(takesDir, failFast, statsEvery, b, lostAfter);
  }

  /** How long a running job may sit still while the server is idle before it counts as lost. */
  public ExecutorOptions withLostAfter(Duration d) {
    return new ExecutorOptions(takesDir, failFast, statsEvery, backend, d);
  }

  /**
   * The default of {@link #lostAfter()}: how long a running job may report the same stage and
   * progress while {@code /v1/stats} shows the server running and queueing nothing before it counts
   * as lost: a snapshot server restarted mid-job keeps answering the job's last stage for up to an
   * hour (docs/resilience.md, "Lost jobs").
   */
  public static final Duration STALE_JOB_BOUND = Duration.ofSeconds(60);
}
