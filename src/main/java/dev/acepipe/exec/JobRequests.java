package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;

/**
 * Turns a {@link StepAction.Job} into the request the server gets and the output length it implies;
 * each kind's rules live in its {@link JobHandler}.
 */
public final class JobRequests {
  private JobRequests() {}

  /**
   * The request (without the source hand-off) and the expected output length in seconds, or null if
   * unknown.
   */
  public record Prepared(TaskRequest request, Double expectedSeconds) {}

  /**
   * @param sourceSeconds the probed length of the source take (ignored for kinds without a source)
   * @throws IllegalArgumentException for a window the server would silently misread (empty or
   *     inverted)
   */
  static Prepared prepare(StepAction.Job job, double sourceSeconds) {
    return StepHandlers.job(job.stepKind()).prepare(job, sourceSeconds);
  }

  static Double positiveOrNull(Double d) {
    return d != null && d > 0 ? d : null;
  }
}
