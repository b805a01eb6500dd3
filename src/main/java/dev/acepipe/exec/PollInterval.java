package dev.acepipe.exec;

import java.time.Duration;

/**
 * The poller's adaptive interval: starts at 0.5 s, grows by half on every tick that changed
 * nothing, up to 5 s, and drops back to the floor when something changed. Once the server reports
 * {@code avg_job_seconds}, floor and ceiling follow it (a quarter and a half of a job, within
 * 0.1..0.5 s and floor..5 s), so short jobs are seen finishing promptly and long ones are not
 * polled needlessly. A pool's lane also knows when its oldest job should end ({@link #toward}).
 *
 * <p>Not thread-safe.
 */
public final class PollInterval {
  static final double START = 0.5;
  static final double MAX = 5.0;
  static final double MIN_FLOOR = 0.1;

  /** The shortest wait once a job is due: 10 ms, a fraction of a localhost round trip's cost. */
  static final double FINE_MIN = 0.01;

  private double floor = START;
  private double ceiling = MAX;
  private double current = START;
  private boolean informed;
  private double avgJobSeconds;

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
    this.avgJobSeconds = avgJobSeconds;
    floor = clamp(avgJobSeconds / 4, MIN_FLOOR, START);
    ceiling = clamp(avgJobSeconds / 2, floor, MAX);
    current = clamp(current, floor, ceiling);
  }

  /**
   * The wait before the next poll of a server whose oldest job is expected to end in {@code
   * untilEnd} seconds (negative: it is that late). Never past the expected end; once the job is
   * due, a fiftieth of a job ({@link #FINE_MIN} .. the floor), growing with its lateness (a quarter
   * of it), so a finished job is seen within a few per cent of its length and a late one is not
   * polled needlessly; never longer than {@link #current}. Before the server reported an average,
   * just {@link #current}.
   */
  public Duration toward(double untilEnd) {
    if (!informed) {
      return current();
    }
    double fine = clamp(avgJobSeconds / 50, FINE_MIN, floor);
    double wait = untilEnd > 0 ? Math.max(untilEnd, fine) : Math.max(fine, -untilEnd / 4);
    return Duration.ofNanos((long) (Math.min(current, wait) * 1e9));
  }

  /** The server's average job time in seconds once reported; 0 before. */
  public double averageJobSeconds() {
    return avgJobSeconds;
  }

  /** Whether a server average has been seen yet. */
  public boolean informed() {
    return informed;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
