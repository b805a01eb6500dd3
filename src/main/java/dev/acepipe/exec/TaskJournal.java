package dev.acepipe.exec;

import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable record of submitted tasks ({@link Journal}): every submission is journaled with its
 * step's fingerprint and server, so a killed run re-attaches to the task instead of submitting it
 * again; every task is closed with its outcome. Without a journal, tasks are only counted.
 */
final class TaskJournal {
  private final Journal journal;
  private final Consumer<String> warn;
  private final Map<String, List<String>> tasks = new HashMap<>();

  /**
   * @param journal the pipeline's open journal, or {@code null} for none
   */
  TaskJournal(Journal journal, Consumer<String> warn) {
    this.journal = journal;
    this.warn = warn;
  }

  /**
   * The task an earlier run submitted for {@code fingerprint} on {@code serverUrl}, if still open.
   */
  Optional<String> reattach(String stepId, Fingerprint fingerprint, String serverUrl) {
    if (journal == null) {
      return Optional.empty();
    }
    return journal
        .reattach(fingerprint, serverUrl)
        .map(
            t -> {
              tasks.computeIfAbsent(stepId, k -> new ArrayList<>()).add(t.taskId());
              warn.accept(
                  "step '"
                      + stepId
                      + "': re-attached to task "
                      + t.taskId()
                      + " submitted by run "
                      + t.runId());
              return t.taskId();
            });
  }

  /** Whether an earlier run's task for {@code fingerprint} is still open on {@code serverUrl}. */
  boolean holds(Fingerprint fingerprint, String serverUrl) {
    return journal != null && journal.reattach(fingerprint, serverUrl).isPresent();
  }

  /**
   * Counts the task; journals it when the step's fingerprint is known ({@code null} otherwise).
   *
   * @throws UncheckedIOException when the journal cannot be written
   */
  void submitted(
      String stepId, Fingerprint fingerprint, String serverUrl, String taskId, int attempt) {
    tasks.computeIfAbsent(stepId, k -> new ArrayList<>()).add(taskId);
    if (journal == null || fingerprint == null) {
      return;
    }
    try {
      journal.submitted(stepId, fingerprint, taskId, serverUrl, attempt);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot journal task " + taskId + " of step '" + stepId + "'", e);
    }
  }

  void lost(String taskId) {
    close(List.of(taskId), Journal.Outcome.LOST);
  }

  /** Closes every task of {@code stepId} with {@code outcome}. */
  void ended(String stepId, Journal.Outcome outcome) {
    close(tasks.getOrDefault(stepId, List.of()), outcome);
  }

  private void close(List<String> taskIds, Journal.Outcome outcome) {
    if (journal == null) {
      return;
    }
    for (String id : taskIds) {
      try {
        journal.finished(id, outcome);
      } catch (IOException e) {
        warn.accept("cannot journal the end of task " + id + ": " + e.getMessage());
      }
    }
  }
}
