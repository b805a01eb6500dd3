package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * {@code complete}: adds accompaniment {@code tracks} ({@code track_classes}) to {@code from}
 * (task_type {@code complete}, base models only). The source is handed off like a cover's; the
 * server locks the output to the source's length.
 */
final class CompleteHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.COMPLETE;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    var request =
        ActionInput.request(in.plan(), r, in.reroll()).toBuilder()
            .trackClasses(StepField.items(r.text(StepField.TRACK_CLASSES).orElseThrow()))
            .build();
    return ActionInput.withReference(
        StepAction.Job.fromSource(kind(), ActionInput.ref(r.from()), request), r);
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    return new JobRequests.Prepared(
        job.request().toBuilder().taskType("complete").audioDuration(null).build(), sourceSeconds);
  }
}
