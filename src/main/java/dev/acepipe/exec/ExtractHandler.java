package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * {@code extract}: one stem ({@code track}, sent as {@code track_name}) of {@code from} (task_type
 * {@code extract}, base models only). The source is handed off like a cover's; the server locks the
 * output to the source's length.
 */
final class ExtractHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.EXTRACT;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    var request =
        ActionInput.request(in.plan(), r, in.reroll()).toBuilder()
            .trackName(r.text(StepField.TRACK).map(String::strip).orElseThrow())
            .build();
    return ActionInput.withReference(
        StepAction.Job.fromSource(kind(), ActionInput.ref(r.from()), request), r);
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    return new JobRequests.Prepared(
        job.request().toBuilder().taskType("extract").audioDuration(null).build(), sourceSeconds);
  }
}
