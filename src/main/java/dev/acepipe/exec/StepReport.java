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
 * @param jobs every job of the step (a submission on a server), in order
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
    Map<String, Object> serverUsed,
    List<Job> jobs) {
  /**
   * One submission of the step on one server, from its submission until it ended there.
   *
   * @param server the base URL of the server (as takes name it)
   */
  public record Job(String taskId, String server, Instant submittedAt, Instant endedAt, End end) {
    /** How a job ended on its server. */
    public enum End {
      SUCCEEDED,
      /** Failed, or was lost there and submitted again. */
      FAILED,
      /** Its server went down and the job went elsewhere. */
      MOVED,
      /** The step ended some other way (cancelled, abandoned). */
      CANCELLED
    }
  }

  public StepReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    taskIds = List.copyOf(taskIds);
    events = List.copyOf(events);
    takes = List.copyOf(takes);
    jobs = List.copyOf(jobs);
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
        Map.of(),
        List.of());
  }
}
