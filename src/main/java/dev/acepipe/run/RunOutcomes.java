package dev.acepipe.run;

import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link RunResult}s {@code engine run} documents, including those of runs that never reached
 * the executor (the server could not be reached, {@code --locked} refused the recipe). Every
 * outcome goes through the same manifest, summary, JUnit and GitHub path, so a CI job gets its
 * documents whichever way the run ends.
 */
public final class RunOutcomes {
  private RunOutcomes() {}

  /**
   * {@code result} with every step's kind filled in from the plan: a step that never resolved its
   * inputs (skipped, or failed before it had a request) has no kind of its own, and reports need
   * one.
   */
  public static RunResult withKinds(RunResult result, Plan plan) {
    List<StepReport> steps = new ArrayList<>();
    for (StepReport s : result.steps()) {
      steps.add(s.kind().isEmpty() ? withKind(s, kindOf(plan, s.id())) : s);
    }
    return copy(result, result.outcome(), result.error(), steps);
  }

  /**
   * A run that finished its steps but not what the pipeline declares (an output file, the album) is
   * a failed run: {@code result} as {@link RunResult.Outcome#FAILED} with {@code problem} as its
   * error. Runs that already failed keep their outcome and gain the problem in their error.
   */
  public static RunResult failedBy(RunResult result, String problem) {
    if (result.outcome() == RunResult.Outcome.SUCCEEDED) {
      return copy(result, RunResult.Outcome.FAILED, problem, result.steps());
    }
    String error = result.error() == null ? problem : result.error() + "; " + problem;
    return copy(result, result.outcome(), error, result.steps());
  }

  /** A run that stopped before any step ran: every step skipped with {@code why}. */
  public static RunResult notRun(
      Plan plan,
      String server,
      RunResult.Outcome outcome,
      String error,
      String why,
      Instant startedAt,
      Instant finishedAt) {
    List<StepReport> steps = new ArrayList<>();
    for (PlannedStep s : plan.order()) {
      steps.add(skipped(s.id(), kindOf(plan, s.id()), why));
    }
    return RunResult.unsent(outcome, server, error, steps, startedAt, finishedAt);
  }

  /**
   * The run {@code --locked} refused before submitting anything: each step that would render or
   * change fails with its reason ({@code not locked: stale: prompt changed}), the others are
   * skipped.
   */
  public static RunResult refusedByLock(
      Plan plan,
      List<CacheStatus.Row> refused,
      String server,
      String error,
      Instant startedAt,
      Instant finishedAt) {
    Map<String, CacheStatus.Row> byId =
        refused.stream()
            .collect(Collectors.toMap(CacheStatus.Row::id, Function.identity(), (a, b) -> a));
    List<StepReport> steps = new ArrayList<>();
    for (PlannedStep s : plan.order()) {
      CacheStatus.Row row = byId.get(s.id());
      String kind = kindOf(plan, s.id());
      steps.add(
          row == null
              ? skipped(s.id(), kind, "--locked found changes elsewhere; nothing was submitted")
              : StepReport.unsent(
                  s.id(),
                  kind,
                  StepState.FAILED,
                  "not locked: " + row.line(),
                  List.of(),
                  finishedAt,
                  finishedAt));
    }
    return RunResult.unsent(RunResult.Outcome.FAILED, server, error, steps, startedAt, finishedAt);
  }

  /**
   * The reason goes in the error as well: JUnit's {@code <skipped message>} and the reports show it
   * from there.
   */
  private static StepReport skipped(String id, String kind, String why) {
    return StepReport.unsent(
        id, kind, StepState.SKIPPED, "not run: " + why, List.of("not run: " + why), null, null);
  }

  private static String kindOf(Plan plan, String id) {
    PlannedStep s = plan.steps().get(id);
    return s == null ? "step" : s.kind().yamlName();
  }

  private static StepReport withKind(StepReport s, String kind) {
    return new StepReport(
        s.id(),
        kind,
        s.state(),
        s.error(),
        s.skippedBecause(),
        s.request(),
        s.taskIds(),
        s.attempts(),
        s.events(),
        s.startedAt(),
        s.finishedAt(),
        s.takes(),
        s.fields(),
        s.serverUsed());
  }

  private static RunResult copy(
      RunResult r, RunResult.Outcome outcome, String error, List<StepReport> steps) {
    return new RunResult(
        outcome,
        r.server(),
        error,
        steps,
        r.inFlightTaskIds(),
        r.startedAt(),
        r.finishedAt(),
        r.httpRequests(),
        r.polls(),
        r.profile(),
        r.renderedBy(),
        r.warnings());
  }
}
