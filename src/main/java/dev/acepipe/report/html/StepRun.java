package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one step of a run went, as the reports show it.
 *
 * @param id the step id (a matrix instance keeps its expanded id, e.g. {@code
 *     variations[mood=dark]})
 * @param kind the step kind as written in the DSL ({@code generate}, {@code cover} ...)
 * @param state how it ended
 * @param cause why it failed or was skipped, or {@code ""}
 * @param attempts submissions made (0 for skipped and cached steps)
 * @param startedAt when the step started, or null if it never did
 * @param finishedAt when it ended, or null if it never started; not before {@code startedAt}
 * @param request the resolved request as JSON; secrets are redacted again by every report, so an
 *     adapter that forgets one does not leak it. {@link NullNode} when the step sent none
 * @param seeds the seeds sent, one per take
 * @param taskIds every task id the server gave the step
 * @param dependsOn the ids of the steps this one reads from (graph edges)
 * @param takes the audio the step produced
 * @param fields what the step produced besides audio ({@code caption}, {@code bpm}, {@code key},
 *     {@code duration}; a select step's {@code selected} and {@code reason}), as text
 * @param jobs every job of the step on a server, as the manifest recorded them; empty for manifests
 *     of older versions (the timeline then draws the step as one job)
 */
public record StepRun(
    String id,
    String kind,
    State state,
    String cause,
    int attempts,
    Instant startedAt,
    Instant finishedAt,
    JsonNode request,
    List<Long> seeds,
    List<String> taskIds,
    List<String> dependsOn,
    List<TakeRun> takes,
    java.util.Map<String, String> fields,
    List<JobSpan> jobs) {

  /** How a step ended, in report terms. */
  public enum State {
    PASSED,
    FAILED,
    SKIPPED,
    /** Its fingerprint had stored outputs: nothing was sent to the server. Counts as passed. */
    CACHED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public StepRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    if (id.isBlank()) {
      throw new IllegalArgumentException("step id is blank");
    }
    cause = cause == null ? "" : cause;
    if (attempts < 0) {
      throw new IllegalArgumentException("step '" + id + "': attempts is negative: " + attempts);
    }
    if ((startedAt == null) != (finishedAt == null)) {
      throw new IllegalArgumentException(
          "step '" + id + "': give both start and finish times or neither");
    }
    if (startedAt != null && finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("step '" + id + "' finished before it started");
    }
    request = request == null ? NullNode.getInstance() : request.deepCopy();
    seeds = List.copyOf(seeds);
    taskIds = List.copyOf(taskIds);
    dependsOn = List.copyOf(dependsOn);
    takes = List.copyOf(takes);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    jobs = List.copyOf(jobs);
  }

  /** A copy of the request: the record stays immutable. */
  @Override
  public JsonNode request() {
    return request.deepCopy();
  }

  /** How long the step ran; empty when it never started. */
  public Optional<Duration> duration() {
    return startedAt == null
        ? Optional.empty()
        : Optional.of(Duration.between(startedAt, finishedAt));
  }

  /** Passed or cached. */
  public boolean ok() {
    return state == State.PASSED || state == State.CACHED;
  }
}
