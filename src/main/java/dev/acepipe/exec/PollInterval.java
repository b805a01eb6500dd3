package dev.acepipe.exec;

import java.time.Duration;

/**
 * The poller's adaptive interval: starts at 0.5 s, grows by half on every tick that changed
 * nothing, up to 5 s, and drops back to the floor when something changed. Once the server reports
 * {@code avg_job_seconds}, floor and ceiling follow it (a quarter and a half of a job, within
 * 0.1..0.5 s and floor..5 s), so short jobs are seen finishing promptly and long ones are not
 * polled needlessly.
 *
 * <p>Not thread-safe.
 */
public final class PollInterval {
  static final double START = 0.5;
  static final double MAX = 5.0;
  static final double MIN_FLOOR = 0.1;

  private double floor = START;
  private double ceiling = MAX;
  private double current = START;
  private boolean informed;

  /** The interval to wait before the next poll. */
  public Duration current() {
    return Duration.ofNanos((long) (current * 1e9));
  }

  /**
   * Advances after a poll: back to the floor if {@code changed}, else half again as long (capped).
   */
  public void next(boolean changed) {
    current = changed ? floor : Math.min(ceiling, current * 1.5);
  }

  /** Adapts floor and ceiling to the server's average job time; ignores a non-positive average. */
  public void informedBy(double avgJobSeconds) {
    if (!(avgJobSeconds > 0)) {
      return;
    }
    informed = true;
    floor = clamp(avgJobSeconds / 4, MIN_FLOOR, START);
    ceiling = clamp(avgJobSeconds / 2, floor, MAX);
    current = clamp(current, floor, ceiling);
  }

  /** Whether a server average has been seen yet. */
  public boolean informed() {
    return informed;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
