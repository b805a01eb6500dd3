package dev.acepipe.report;

import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the progress display knows at one instant: every step, the server's average job time and
 * whether the server is currently unreachable. Plain data, so {@link ProgressTable} can be a pure
 * function of it.
 *
 * @param steps every step of the run, in plan order
 * @param avgJobSeconds the server's {@code avg_job_seconds}, or 0 while it has not reported one
 * @param outage the ongoing server outage, or null
 * @param now the instant the snapshot describes
 */
public record ProgressSnapshot(
    List<StepView> steps, double avgJobSeconds, Outage outage, Instant now) {
  /** Step kinds that run inside acepipe in an instant; they add nothing to the ETA. */
  private static final Set<String> INSTANT_KINDS = Set.of("format", "random", "import", "select");

  /**
   * The server stopped answering at {@code since}; calls are retried for up to {@code retryFor}.
   */
  public record Outage(Instant since, Duration retryFor) {
    public Outage {
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(retryFor, "retryFor");
    }
  }

  public ProgressSnapshot {
    steps = List.copyOf(steps);
    Objects.requireNonNull(now, "now");
    if (!(avgJobSeconds >= 0) || Double.isInfinite(avgJobSeconds)) {
      avgJobSeconds = 0;
    }
  }

  public Optional<Outage> currentOutage() {
    return Optional.ofNullable(outage);
  }

  /** Submitted and waiting in the server's queue. */
  public static boolean queued(StepView v) {
    return v.state() == StepState.RUNNING && "queued".equals(v.stage());
  }

  /** Submitted and being worked on (or downloaded). */
  public static boolean running(StepView v) {
    return v.state() == StepState.RUNNING && !queued(v);
  }

  public long done() {
    return steps.stream().filter(v -> v.state().terminal()).count();
  }

  public long count(StepState state) {
    return steps.stream().filter(v -> v.state() == state).count();
  }

  public long runningCount() {
    return steps.stream().filter(ProgressSnapshot::running).count();
  }

  public long queuedCount() {
    return steps.stream().filter(ProgressSnapshot::queued).count();
  }

  /**
   * The time left, from the server's average job time: every running job needs what is left of one
   * average, every queued or waiting job a whole one, shared among the jobs the server runs side by
   * side right now. Empty while the server has no average or nothing is left to do.
   */
  public Optional<Duration> eta() {
    if (avgJobSeconds <= 0) {
      return Optional.empty();
    }
    double work = 0;
    long left = 0;
    for (StepView v : steps) {
      if (running(v)) {
        work += Math.max(0, avgJobSeconds - v.elapsed().toMillis() / 1000.0);
        left++;
      } else if (queued(v)
          || (v.state() == StepState.WAITING && !INSTANT_KINDS.contains(v.kind()))) {
        work += avgJobSeconds;
        left++;
      }
    }
    if (left == 0) {
      return Optional.empty();
    }
    long slots = Math.max(1, runningCount());
    return Optional.of(Duration.ofMillis(Math.round(work / slots * 1000)));
  }
}
