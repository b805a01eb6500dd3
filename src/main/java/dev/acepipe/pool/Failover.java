package dev.acepipe.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides when a server leaves the pool and whether a job may move. A server whose breaker has been
 * open longer than {@link FailoverConfig#openBound()}, or that lost {@link
 * FailoverConfig#lostJobsToDown()} jobs, is down for the rest of the run: coming back later does
 * not bring it back, because its jobs have already moved and a flapping server would otherwise draw
 * them back and forth. A job moves at most once: if the server it moved to fails too, the job is
 * stranded and its step fails, so one sick job cannot walk through the whole pool.
 *
 * <p>Not thread-safe: the executor's loop owns it.
 */
public final class Failover {
  private final FailoverConfig config;
  private final Clock clock;
  private final Map<String, Instant> openSince = new HashMap<>();
  private final Map<String, Integer> lost = new HashMap<>();
  private final Map<String, String> down = new HashMap<>();
  private final Set<String> moved = new HashSet<>();

  public Failover(FailoverConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The breaker of {@code server} opened (it stops taking submissions). */
  public void breakerOpened(String server) {
    openSince.putIfAbsent(server, clock.instant());
  }

  /** The breaker of {@code server} closed again (its health probe passed). */
  public void breakerClosed(String server) {
    openSince.remove(server);
  }

  /** {@code server} lost a job it had accepted (it answers the task id as unknown). */
  public void jobLost(String server) {
    int n = lost.merge(server, 1, Integer::sum);
    if (n >= config.lostJobsToDown() && !down.containsKey(server)) {
      down.put(server, "lost " + n + (n == 1 ? " job" : " jobs"));
    }
  }

  /** Whether {@code server} takes new work now; crossing the open bound makes it down for good. */
  public Availability availability(String server) {
    String why = down.get(server);
    if (why != null) {
      return new Availability(Availability.State.DOWN, why);
    }
    Instant since = openSince.get(server);
    if (since == null) {
      return Availability.up();
    }
    Duration open = Duration.between(since, clock.instant());
    if (open.compareTo(config.openBound()) > 0) {
      String reason = "circuit open for " + open.toSeconds() + " s";
      down.put(server, reason);
      return new Availability(Availability.State.DOWN, reason);
    }
    return new Availability(
        Availability.State.PAUSED, "circuit open for " + open.toSeconds() + " s");
  }

  /**
   * Records that {@code jobId} moves off a failed server; {@code false} when it already moved once
   * (it must not move again).
   */
  boolean claimMove(String jobId) {
    return moved.add(jobId);
  }

  /** Whether {@code jobId} has moved off a failed server already. */
  public boolean hasMoved(String jobId) {
    return moved.contains(jobId);
  }
}
