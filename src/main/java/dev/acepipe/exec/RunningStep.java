package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one step during the run; only the loop thread touches it, or in a pool the
 * thread that holds the {@link RunLock}: the dispatcher while the step waits, its lane's driver
 * from dispatch until it ends.
 */
final class RunningStep {
  final ExecStep step;

  /** The server this step runs on; null until it is submitted or, in a pool, dispatched. */
  ServerLane lane;

  StepState state = StepState.WAITING;
  StepAction action;

  /**
   * What the next submission sends (before the hand-off): the job, or a request for its missing
   * takes.
   */
  TaskRequest prepared;

  /** The job as first prepared: its seed, batch size and what was asked of the server. */
  TaskRequest asked;

  TaskRequest sent;
  TakeResult source;
  AudioRef sourceRef;
  TakeResult reference;
  AudioRef referenceRef;

  /** Takes downloaded so far (several requests when the server cut the batch). */
  final List<TakeResult> collected = new ArrayList<>();

  /** Take checks measured while a take downloaded, by its local path; used once by the checks. */
  final Map<java.nio.file.Path, dev.acepipe.audio.analysis.AudioAnalysis> streamed =
      new java.util.HashMap<>();

  boolean seedsIgnored;
  Map<String, Object> serverUsed = Map.of();

  /** When a poll last saw the server finish the step's task (before its takes downloaded). */
  Instant doneAt;

  /** When the task's stage or progress last changed. */
  Instant stageSince;

  Double expectedSeconds;
  String taskId;
  final List<String> taskIds = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  int attempts;
  int losses;
  boolean holdsPermit;
  String stage = "";
  double progress = -1;
  int queuePosition = -1;
  Instant startedAt;
  Instant finishedAt;
  Instant deadline;
  String error;
  String skippedBecause;
  StepOutput output;

  /** Rerolls for failed checks so far, and the last takes that all failed them. */
  int rerolls;

  List<TakeResult> rejected = List.of();

  RunningStep(ExecStep step) {
    this.step = step;
  }

  String kind() {
    return action == null ? "" : action.kind();
  }

  StepView view(Instant now) {
    Duration elapsed =
        startedAt == null
            ? Duration.ZERO
            : Duration.between(startedAt, finishedAt == null ? now : finishedAt);
    return new StepView(
        step.id(),
        kind(),
        state,
        output == null ? 0 : output.takes().size(),
        stage,
        progress,
        queuePosition,
        elapsed,
        attempts,
        error);
  }

  StepReport report() {
    return new StepReport(
        step.id(),
        kind(),
        state,
        error,
        skippedBecause,
        sent,
        taskIds,
        attempts,
        events,
        startedAt,
        finishedAt,
        output == null ? rejected : output.takes(),
        output == null ? Map.of() : output.fields(),
        serverUsed);
  }
}
