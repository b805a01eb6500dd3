package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;
import java.util.Locale;

/**
 * {@code continue}: extends {@code from} by {@code seconds} (starting {@code overlap} seconds
 * before its end), or by {@code prepend} seconds before its start. There is no "continue" task on
 * the server: it is a repaint past the end of the source (or before its start).
 */
final class ContinueHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.CONTINUE;
  }

  @Override
  public StepAction.Job.Edit edit(ResolvedStep r) {
    var prepend = r.number(StepField.PREPEND);
    return prepend.isPresent()
        ? StepAction.Job.Edit.prepending(prepend.getAsDouble())
        : StepAction.Job.Edit.continuing(
            r.number(StepField.SECONDS).orElse(30), ActionInput.boxed(r.number(StepField.OVERLAP)));
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    var edit = job.edit();
    if (edit.start() != null && edit.start() < 0) {
      // prepend: the window [-S, 0) ends at the source's start; an end of 0 is a real 0 (only a
      // null or negative end means "the source's end")
      return new JobRequests.Prepared(
          base.toBuilder()
              .taskType("repaint")
              .repaintingStart(edit.start())
              .repaintingEnd(0.0)
              .audioDuration(null)
              .build(),
          -edit.start() + sourceSeconds);
    }
    double overlap = edit.overlap() == null ? 0 : edit.overlap();
    if (overlap >= sourceSeconds) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "overlap %.1f s is not less than the source's %.1f s",
              overlap,
              sourceSeconds));
    }
    double end = sourceSeconds + edit.seconds();
    return new JobRequests.Prepared(
        base.toBuilder()
            .taskType("repaint")
            .repaintingStart(sourceSeconds - overlap)
            .repaintingEnd(end)
            .audioDuration(null)
            .build(),
        end);
  }
}
