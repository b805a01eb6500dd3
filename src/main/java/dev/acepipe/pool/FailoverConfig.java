package dev.acepipe.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * When a server is taken out of a pool.
 *
 * @param openBound how long its circuit breaker may stay open before the server is down for the
 *     rest of the run; a breaker that closes within it only paused the server
 * @param lostJobsToDown how many jobs it may lose (it answered an unknown task id for a job it had
 *     accepted: a restart) before it is down; at least 1
 */
public record FailoverConfig(Duration openBound, int lostJobsToDown) {
  /** Down after two minutes of open breaker, or at the first lost job. */
  public static final FailoverConfig DEFAULTS = new FailoverConfig(Duration.ofMinutes(2), 1);

  public FailoverConfig {
    Objects.requireNonNull(openBound, "openBound");
    if (openBound.isNegative()) {
      throw new IllegalArgumentException("open bound must be >= 0, got " + openBound);
    }
    if (lostJobsToDown < 1) {
      throw new IllegalArgumentException("lost jobs to down must be >= 1, got " + lostJobsToDown);
    }
  }
}
