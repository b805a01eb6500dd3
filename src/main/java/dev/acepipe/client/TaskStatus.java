package dev.acepipe.client;

import java.util.List;
import java.util.Optional;

/** The state of one task as {@code /query_result} tells it; a closed set. */
public sealed interface TaskStatus {
  String taskId();

  /** Queued or running (outer status 0 with a non-empty result); {@code progress} in 0..1. */
  record Pending(String taskId, double progress, String stage) implements TaskStatus {}

  /**
   * Finished (status 1); {@code takes} may be fewer than requested (silent takes are dropped by the
   * server).
   */
  record Succeeded(String taskId, List<Take> takes) implements TaskStatus {
    public Succeeded {
      takes = List.copyOf(takes);
    }
  }

  /** Failed (status 2). Older servers give no reason. */
  record Failed(String taskId, String reason) implements TaskStatus {
    public Optional<String> reasonIfAny() {
      return reason == null || reason.isBlank() ? Optional.empty() : Optional.of(reason);
    }
  }

  /**
   * Outer status 2 but the item still says 0: the server stopped reporting (1 h); the job may still
   * finish.
   */
  record PresumedTimedOut(String taskId) implements TaskStatus {}

  /**
   * Status 0 with result {@code "[]"}: the server does not know this id (never submitted, or lost
   * in a restart).
   */
  record Unknown(String taskId) implements TaskStatus {}
}
