package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/** {@code sample}: the server's LM writes caption, lyrics and metas from a description. */
final class SampleHandler implements JobHandler {
  @Override
  public StepKind kind() {
    return StepKind.SAMPLE;
  }

  @Override
  public StepAction.Job job(ResolvedStep r, TaskRequest request) {
    return StepAction.Job.sample(
        request.toBuilder().sampleQuery(r.text(StepField.DESCRIPTION).orElse("")).build());
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    var base = job.request();
    return new JobRequests.Prepared(
        base.toBuilder().taskType("text2music").sampleMode(true).build(),
        JobRequests.positiveOrNull(base.audioDuration()));
  }

  /** The text its language model wrote is pinned, so a re-render hands on the same words. */
  @Override
  public boolean pinsLmText() {
    return true;
  }
}
