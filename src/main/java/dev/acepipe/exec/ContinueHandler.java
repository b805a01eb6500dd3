package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * {@code continue}: extends {@code from} by {@code seconds}. There is no "continue" task on the
 * server: it is a repaint past the end of the source.
 */
final class ContinueHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.CONTINUE;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    return ActionInput.withReference(
        StepAction.Job.continueFrom(
            ActionInput.ref(r.from()),
            r.number(StepField.SECONDS).orElse(30),
            ActionInput.request(in.plan(), r, in.reroll())),
        r);
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    double end = sourceSeconds + job.seconds();
    return new JobRequests.Prepared(
        base.toBuilder()
            .taskType("repaint")
            .repaintingStart(sourceSeconds)
            .repaintingEnd(end)
            .audioDuration(null)
            .build(),
        end);
  }
}
