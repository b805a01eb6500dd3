package dev.acepipe.exec;

import dev.acepipe.client.TaskRequestBuilder;
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
  public TaskRequestBuilder request(ResolvedStep r, TaskRequestBuilder request) {
    return request.sampleQuery(r.text(StepField.DESCRIPTION).orElse(""));
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
