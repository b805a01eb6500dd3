package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * {@code lego}: adds a {@code track} ({@code track_name}) to {@code from}; {@code prompt} describes
 * the new track, {@code global_caption} the whole song (task_type {@code lego}, base models only).
 * The source is handed off like a cover's; the server locks the output to the source's length.
 */
final class LegoHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.LEGO;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    var request =
        ActionInput.request(in.plan(), r, in.reroll()).toBuilder()
            .trackName(r.text(StepField.TRACK).map(String::strip).orElseThrow())
            .globalCaption(r.text(StepField.GLOBAL_CAPTION).orElse(null))
            .build();
    return ActionInput.withReference(
        StepAction.Job.fromSource(kind(), ActionInput.ref(r.from()), request), r);
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    return new JobRequests.Prepared(
        job.request().toBuilder().taskType("lego").audioDuration(null).build(), sourceSeconds);
  }
}
