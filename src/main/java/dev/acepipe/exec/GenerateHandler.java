package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepKind;

/** {@code generate}: text2music from a caption and lyrics. */
final class GenerateHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.GENERATE;
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    return new JobRequests.Prepared(
        base.toBuilder().taskType("text2music").build(),
        JobRequests.positiveOrNull(base.audioDuration()));
  }
}
