package dev.acepipe.exec;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.TaskStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asks a lane about all of its in-flight tasks in one {@code /query_result} and acts on each
 * answer: stage changes, lost and stale tasks (resubmitted within their own budget), failures
 * (resubmitted with the same seed up to {@code retries} unless permanent), deadlines, and finished
 * jobs, whose takes the {@link TakeCollector} downloads.
 */
final class TaskPoller {
  private final RunState state;
  private final JobSubmitter submitter;
  private final TakeCollector collector;

  /** Whether someone else (a pool's failover) takes over a lost task; by default nobody does. */
  private java.util.function.Predicate<RunningStep> takesOverLost = r -> false;

  /**
   * In a pool a lost task is not resubmitted on the server that lost it: {@code takesOver} marks
   * the server down and the pool moves the job elsewhere.
   */
  void onLost(java.util.function.Predicate<RunningStep> takesOver) {
    this.takesOverLost = Objects.requireNonNull(takesOver, "takesOver");
  }

  TaskPoller(RunState state, JobSubmitter submitter, TakeCollector collector) {
    this.state = state;
    this.submitter = submitter;
    this.collector = collector;
  }

  /**
   * One {@code /query_result} on {@code lane} for {@code flying}, its in-flight steps; returns
   * whether anything changed.
   */
  boolean pollOnce(ServerLane lane, List<RunningStep> flying) throws InterruptedException {
    List<String> ids = flying.stream().map(r -> r.taskId).toList();
    List<TaskStatus> statuses;
    try {
      statuses = lane.guard().call(() -> lane.client().query(ids));
    } catch (AceStepException e) {
      lane.stopIfRefused(e);
      if (e.isTransient()) {
        // Transient failures past their retries (without opening the breaker): try again next tick.
        return false;
      }
      // A refusal (bad key, bad request) will not change by asking again: the tasks cannot be
      // followed.
      for (RunningStep r : flying) {
        state.fail(r, "cannot poll task " + r.taskId + ": " + e.getMessage());
      }
      return true;
    }
    state.polls++;
    Map<String, TaskStatus> byId = new HashMap<>();
    for (TaskStatus s : statuses) {
      byId.put(s.taskId(), s);
    }
    boolean changed = false;
    for (RunningStep r : flying) {
      TaskStatus status = byId.get(r.taskId);
      if (status == null) {
        continue;
      }
      try {
        changed |= handle(r, status);
      } catch (ServerUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        // An unexpected error while finishing one step (download, store, lock check) fails that
        // step only.
        state.fail(r, RunState.messageOf(e));
        changed = true;
      }
    }
    return changed;
  }

  private boolean handle(RunningStep r, TaskStatus status) throws InterruptedException {
    if (status instanceof TaskStatus.Pending p) {
      boolean stageChanged = !Objects.equals(r.stage, p.stage());
      boolean moved = stageChanged || p.progress() != r.progress || r.stageSince == null;
      r.stage = p.stage();
      r.progress = p.progress();
      if (moved) {
        r.stageSince = state.clock.instant();
      }
      if (stageChanged) {
        state.notifyChanged(r);
      }
      Duration lostAfter = state.options.lostAfter();
      if (!moved
          && Duration.between(r.stageSince, state.clock.instant()).compareTo(lostAfter) > 0
          && idle(r.lane)) {
        lost(
            r,
            "task "
                + r.taskId
                + " stayed at '"
                + r.stage
                + "' for over "
                + lostAfter.toSeconds()
                + " s while the server ran and queued nothing (restarted mid-job?)");
        return true;
      }
      return checkDeadline(r) || stageChanged;
    }
    if (status instanceof TaskStatus.PresumedTimedOut) {
      // The server stopped reporting, but the job may still finish: only our own deadline ends it.
      boolean first = !"presumed timed out".equals(r.stage);
      r.stage = "presumed timed out";
      if (first) {
        r.events.add(
            "server presumed task "
                + r.taskId
                + " timed out; still polling until the step's timeout");
        state.notifyChanged(r);
      }
      return checkDeadline(r) || first;
    }
    if (status instanceof TaskStatus.Failed f) {
      var profile = r.lane.learned().orElse(null);
      String reason =
          f.reasonIfAny()
              .map(s -> ": " + s)
              .orElse("; " + JobHints.failedWithoutReason(profile, r.sent, r.source != null));
      if (JobHints.permanent(profile, r.sent, r.lane.lmRefused() || f.reasonIfAny().isEmpty())) {
        state.fail(
            r,
            "the server reported the job failed"
                + reason
                + " (task "
                + r.taskId
                + "; not retried)");
      } else if (r.attempts <= r.step.retries()) {
        r.events.add(
            "task "
                + r.taskId
                + " failed on the server"
                + reason
                + "; resubmitted with the same seed");
        submitter.resubmit(r);
      } else {
        state.fail(
            r,
            "the server reported the job failed"
                + reason
                + " ("
                + r.attempts
                + " attempt(s), task "
                + r.taskId
                + ")");
      }
      return true;
    }
    if (status instanceof TaskStatus.Unknown) {
      lost(r, "server lost task " + r.taskId + " (restarted?)");
      return true;
    }
    r.doneAt = state.clock.instant(); // the server's part ends here; downloading is ours
    collector.collect(r, ((TaskStatus.Succeeded) status).takes());
    return true;
  }

  /** Whether the lane's server is idle this round; an interrupt cancels the run (unknown = no). */
  private boolean idle(ServerLane lane) {
    try {
      return lane.idle(state.polls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.cancel();
      return false;
    }
  }

  /**
   * The server no longer has the task (it answers "unknown", or a stale stage while idle): resubmit
   * once.
   */
  private void lost(RunningStep r, String why) throws InterruptedException {
    state.journal.lost(r.step.id(), r.taskId);
    if (takesOverLost.test(r)) {
      r.events.add(why + "; the pool moves it off " + r.lane.name());
      return;
    }
    // Losses have their own budget, as large as retries (at least one): a restart is not the job's
    // fault.
    int budget = Math.max(1, r.step.retries());
    if (r.losses < budget) {
      r.losses++;
      r.events.add(why + "; resubmitted (" + r.losses + " of " + budget + ")");
      submitter.resubmit(r);
    } else {
      state.fail(
          r,
          "the server lost task "
              + r.taskId
              + " again after "
              + budget
              + " resubmission(s) ("
              + why
              + ")");
    }
  }

  private boolean checkDeadline(RunningStep r) {
    if (state.clock.instant().isAfter(r.deadline)) {
      state.fail(
          r,
          "timed out after "
              + r.step.timeout().toSeconds()
              + " s (task "
              + r.taskId
              + ", last stage "
              + r.stage
              + ")");
      return true;
    }
    return false;
  }
}
