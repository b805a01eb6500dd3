package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/** {@code generate}: text2music from a caption and lyrics. */
final class GenerateHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.GENERATE;
  }

  @Override
  public StepAction.Job job(ResolvedStep r, TaskRequest request) {
    return StepAction.Job.generate(request);
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    return new JobRequests.Prepared(
        base.toBuilder().taskType("text2music").build(),
        JobRequests.positiveOrNull(base.audioDuration()));
  }
}
