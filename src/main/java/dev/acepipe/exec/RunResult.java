package dev.acepipe.exec;

import dev.acepipe.client.ServerProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a run: per step what happened, in plan order, and the task ids still in flight
 * when it stopped.
 *
 * @param httpRequests requests sent to the server (every attempt, poll, download and probe)
 * @param profile what the server could do, when the run needed it (a fully cached run never asks);
 *     null otherwise
 * @param renderedBy who renders in this run: "embedded synthesizer (not AI)" or the server's URL
 *     and version
 * @param warnings run-level warnings, each said once (seeds not honoured, ...)
 */
public record RunResult(
    Outcome outcome,
    String server,
    String error,
    List<StepReport> steps,
    List<String> inFlightTaskIds,
    Instant startedAt,
    Instant finishedAt,
    long httpRequests,
    long polls,
    ServerProfile profile,
    String renderedBy,
    List<String> warnings) {

  /** How the run as a whole ended. */
  public enum Outcome {
    SUCCEEDED,
    /** At least one step failed. */
    FAILED,
    /** Cancelled (Ctrl-C) before everything finished. */
    INTERRUPTED,
    /** The server stayed unreachable past the outage bound. */
    SERVER_UNAVAILABLE
  }

  public RunResult {
    Objects.requireNonNull(outcome, "outcome");
    steps = List.copyOf(steps);
    inFlightTaskIds = List.copyOf(inFlightTaskIds);
    renderedBy = renderedBy == null ? server : renderedBy;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /**
   * A run that ended before it sent the server anything: no task in flight, no request counted, no
   * profile learned, no warning.
   */
  public static RunResult unsent(
      Outcome outcome,
      String server,
      String error,
      List<StepReport> steps,
      Instant startedAt,
      Instant finishedAt) {
    return new RunResult(
        outcome, server, error, steps, List.of(), startedAt, finishedAt, 0, 0, null, null, null);
  }

  public Duration elapsed() {
    return Duration.between(startedAt, finishedAt);
  }

  public Optional<StepReport> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public List<StepReport> inState(StepState state) {
    return steps.stream().filter(s -> s.state() == state).collect(Collectors.toList());
  }

  /** The outputs of the steps that succeeded or came from the cache, by step id. */
  public Map<String, StepReport> succeeded() {
    return steps.stream()
        .filter(s -> s.state().hasOutput())
        .collect(
            Collectors.toMap(StepReport::id, s -> s, (a, b) -> a, java.util.LinkedHashMap::new));
  }
}
