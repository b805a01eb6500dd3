package dev.acepipe.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One job as the per-server timeline draws it: a bar from {@code start} to {@code end} on the row
 * of {@code server}.
 *
 * @param server the name of the server that ran (or held) the job
 * @param stepId the step the job belongs to
 * @param job which job of the step: 0 for the first submission, 1 for a resubmission, ...
 * @param start when it was submitted
 * @param end when it ended; not before {@code start}
 * @param state how it ended on this server
 */
public record JobSpan(
    String server, String stepId, int job, Instant start, Instant end, State state) {

  /** How a job ended on its server. */
  public enum State {
    SUCCEEDED("#1f7a3a"),
    FAILED("#b3261e"),
    /** Its server went down and the job went elsewhere. */
    MOVED("#7a6a1f"),
    CANCELLED("#8a93a3");

    final String colour;

    State(String colour) {
      this.colour = colour;
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The server name shown when a run does not say which server ran a step (one-server runs). */
  public static final String DEFAULT_SERVER = "server";

  public JobSpan {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(state, "state");
    if (job < 0) {
      throw new IllegalArgumentException("job index must be >= 0, got " + job);
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "job " + stepId + " on " + server + " ends before it starts");
    }
  }

  /** How long the job held its server. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Every job of every step, as the manifest recorded them (one bar per submission, on the server
   * that held it, ending as it ended there). A step of an older manifest, which recorded no jobs,
   * is one span when it ran on a server (passed or failed, with both times), on the server its
   * {@code server} field names, else on {@link #DEFAULT_SERVER}. Cached and skipped steps held no
   * server and draw nothing.
   */
  public static List<JobSpan> fromSteps(List<StepRun> steps) {
    List<JobSpan> spans = new ArrayList<>();
    for (StepRun s : steps) {
      if (!s.jobs().isEmpty()) {
        spans.addAll(s.jobs());
        continue;
      }
      if (s.startedAt() == null || s.finishedAt() == null) {
        continue;
      }
      State state =
          switch (s.state()) {
            case PASSED -> State.SUCCEEDED;
            case FAILED -> State.FAILED;
            case CACHED, SKIPPED -> null;
          };
      if (state == null || s.attempts() == 0) {
        continue;
      }
      String server = s.fields().getOrDefault("server", DEFAULT_SERVER);
      spans.add(new JobSpan(server, s.id(), 0, s.startedAt(), s.finishedAt(), state));
    }
    return spans;
  }
}
