package dev.acepipe.exec;

import dev.acepipe.client.TaskRequestBuilder;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/** {@code cover}: re-performs {@code from} with a new caption at {@code strength} 0–1. */
final class CoverHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.COVER;
  }

  @Override
  public StepAction.Job.Edit edit(ResolvedStep r) {
    return StepAction.Job.Edit.cover(ActionInput.boxed(r.number(StepField.STRENGTH)));
  }

  @Override
  public TaskRequestBuilder request(ResolvedStep r, TaskRequestBuilder request) {
    return request
        .coverNoiseStrength(ActionInput.boxed(r.number(StepField.NOISE_STRENGTH)))
        // the variant is the one task type a cover chooses; prepare keeps it
        .taskType(r.text(StepField.VARIANT).map(v -> "cover-" + v.strip()).orElse(null));
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    return new JobRequests.Prepared(
        base.toBuilder()
            .taskType("cover-nofsq".equals(base.taskType()) ? "cover-nofsq" : "cover")
            .audioCoverStrength(job.edit().strength())
            .audioDuration(null)
            .build(),
        sourceSeconds);
  }
}
