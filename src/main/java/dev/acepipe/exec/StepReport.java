package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one step went: the manifest's and the summary's view of it.
 *
 * @param request the last request sent (null for steps that sent none); requests never hold an API
 *     key
 * @param taskIds every task id the server gave this step, in order
 * @param attempts submissions made (resubmissions included)
 * @param events notable things that happened (resubmitted after a restart, failed job retried, ...)
 * @param skippedBecause the failed step that made this one skip, or null
 * @param serverUsed what the server used (caption, lyrics, bpm, key, duration) where it differs
 *     from the request
 */
public record StepReport(
    String id,
    String kind,
    StepState state,
    String error,
    String skippedBecause,
    TaskRequest request,
    List<String> taskIds,
    int attempts,
    List<String> events,
    Instant startedAt,
    Instant finishedAt,
    List<TakeResult> takes,
    Map<String, Object> fields,
    Map<String, Object> serverUsed) {
  public StepReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    taskIds = List.copyOf(taskIds);
    events = List.copyOf(events);
    takes = List.copyOf(takes);
    fields =
        fields == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    serverUsed =
        serverUsed == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(serverUsed));
  }

  /**
   * A step that sent nothing: no request, task or take (skipped, or refused before its turn).
   *
   * @param events what the step's row says about it
   */
  public static StepReport unsent(
      String id,
      String kind,
      StepState state,
      String error,
      List<String> events,
      Instant startedAt,
      Instant finishedAt) {
    return new StepReport(
        id,
        kind,
        state,
        error,
        null,
        null,
        List.of(),
        0,
        events,
        startedAt,
        finishedAt,
        List.of(),
        Map.of(),
        Map.of());
  }
}
