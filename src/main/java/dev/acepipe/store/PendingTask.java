package dev.acepipe.store;

import java.time.Instant;

/**
 * A task the journal saw submitted but never saw finish: a restarted run polls it instead of
 * submitting again.
 *
 * @param runId the run that submitted it
 * @param stepId the step instance
 * @param fingerprint the fingerprint the task renders
 * @param taskId the server's task id
 * @param serverUrl the server it was submitted to (credentials and query stripped); only that
 *     server knows it
 * @param attempt 1 for the first submission, then 2, 3, ... for job-level retries and resubmissions
 * @param submitted when the submission was journaled
 */
public record PendingTask(
    String runId,
    String stepId,
    Fingerprint fingerprint,
    String taskId,
    String serverUrl,
    int attempt,
    Instant submitted) {
  public PendingTask {
    if (runId == null
        || stepId == null
        || fingerprint == null
        || taskId == null
        || serverUrl == null
        || submitted == null) {
      throw new IllegalArgumentException("every field of a pending task is required");
    }
    if (taskId.isBlank() || attempt < 1) {
      throw new IllegalArgumentException("task id must not be blank and attempt must be >= 1");
    }
  }
}
