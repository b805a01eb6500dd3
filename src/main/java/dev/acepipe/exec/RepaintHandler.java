package dev.acepipe.exec;

import dev.acepipe.client.TaskRequestBuilder;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;
import java.util.Locale;

/** {@code repaint}: regenerates the window {@code [start, end)} of {@code from}. */
final class RepaintHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.REPAINT;
  }

  @Override
  public StepAction.Job.Edit edit(ResolvedStep r) {
    return StepAction.Job.Edit.window(
        ActionInput.boxed(r.number(StepField.START)), ActionInput.boxed(r.number(StepField.END)));
  }

  @Override
  public TaskRequestBuilder request(ResolvedStep r, TaskRequestBuilder request) {
    return request
        .repaintMode(r.text(StepField.MODE).orElse(null))
        .repaintStrength(ActionInput.boxed(r.number(StepField.STRENGTH)));
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    var edit = job.edit();
    double start = edit.start() == null ? 0 : edit.start();
    // The server reads a missing or non-positive end as "end of source"; we send that
    // explicitly.
    double end = edit.end() == null || edit.end() <= 0 ? sourceSeconds : edit.end();
    if (end <= start) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "repaint window [%.1f, %.1f) is empty or inverted (source is %.1f s)",
              start,
              end,
              sourceSeconds));
    }
    return new JobRequests.Prepared(
        base.toBuilder()
            .taskType("repaint")
            .repaintingStart(start)
            .repaintingEnd(end)
            .audioDuration(null)
            .build(),
        Math.max(0, -start) + Math.max(sourceSeconds, end));
  }
}
