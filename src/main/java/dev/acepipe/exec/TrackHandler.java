package dev.acepipe.exec;

import dev.acepipe.client.TaskRequestBuilder;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * The track kinds of the base models, each sent as the task_type of its name; the source is handed
 * off like a cover's and the server locks the output to the source's length:
 *
 * <ul>
 *   <li>{@code extract}: one stem ({@code track}, sent as {@code track_name}) of {@code from};
 *   <li>{@code lego}: adds a {@code track} ({@code track_name}) to {@code from}; {@code prompt}
 *       describes the new track, {@code global_caption} the whole song;
 *   <li>{@code complete}: adds accompaniment {@code tracks} ({@code track_classes}) to {@code
 *       from}.
 * </ul>
 */
final class TrackHandler implements JobHandler {
  private final StepKind kind;

  /**
   * @throws IllegalArgumentException when {@code kind} is not a track kind
   */
  TrackHandler(StepKind kind) {
    switch (kind) {
      case EXTRACT, LEGO, COMPLETE -> this.kind = kind;
      default -> throw new IllegalArgumentException(kind.yamlName() + " is not a track kind");
    }
  }

  @Override
  public StepKind kind() {
    return kind;
  }

  @Override
  public TaskRequestBuilder request(ResolvedStep r, TaskRequestBuilder request) {
    return switch (kind) {
      case EXTRACT -> request.trackName(track(r));
      case LEGO ->
          request.trackName(track(r)).globalCaption(r.text(StepField.GLOBAL_CAPTION).orElse(null));
      case COMPLETE ->
          request.trackClasses(StepField.items(r.text(StepField.TRACK_CLASSES).orElseThrow()));
      default -> throw new IllegalStateException(kind.yamlName() + " is not a track kind");
    };
  }

  private static String track(ResolvedStep r) {
    return r.text(StepField.TRACK).map(String::strip).orElseThrow();
  }

  @Override
  public JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds) {
    return new JobRequests.Prepared(
        job.request().toBuilder().taskType(kind.yamlName()).audioDuration(null).build(),
        sourceSeconds);
  }
}
