package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import java.util.Locale;

/**
 * Turns a {@link StepAction.Job} into the request the server gets and the output length it implies
 * — the rules of the ACE-Step editing model in one place (there is no "continue" task: it is a
 * repaint past the end).
 */
final class JobRequests {
  private JobRequests() {}

  /**
   * The request (without the source hand-off) and the expected output length in seconds, or null if
   * unknown.
   */
  record Prepared(TaskRequest request, Double expectedSeconds) {}

  /**
   * @param sourceSeconds the probed length of the source take (ignored for kinds without a source)
   * @throws IllegalArgumentException for a window the server would silently misread (empty or
   *     inverted)
   */
  static Prepared prepare(StepAction.Job job, double sourceSeconds) {
    TaskRequest base = job.request();
    return switch (job.jobKind()) {
      case GENERATE ->
          new Prepared(
              base.toBuilder().taskType("text2music").build(),
              positiveOrNull(base.audioDuration()));
      case SAMPLE ->
          new Prepared(
              base.toBuilder().taskType("text2music").sampleMode(true).build(),
              positiveOrNull(base.audioDuration()));
      case CONTINUE -> {
        double end = sourceSeconds + job.seconds();
        yield new Prepared(
            base.toBuilder()
                .taskType("repaint")
                .repaintingStart(sourceSeconds)
                .repaintingEnd(end)
                .audioDuration(null)
                .build(),
            end);
      }
      case REPAINT -> {
        double start = job.start() == null ? 0 : job.start();
        // The server reads a missing or non-positive end as "end of source"; we send that
        // explicitly.
        double end = job.end() == null || job.end() <= 0 ? sourceSeconds : job.end();
        if (end <= start) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "repaint window [%.1f, %.1f) is empty or inverted (source is %.1f s)",
                  start,
                  end,
                  sourceSeconds));
        }
        yield new Prepared(
            base.toBuilder()
                .taskType("repaint")
                .repaintingStart(start)
                .repaintingEnd(end)
                .audioDuration(null)
                .build(),
            Math.max(0, -start) + Math.max(sourceSeconds, end));
      }
      case COVER ->
          new Prepared(
              base.toBuilder()
                  .taskType("cover")
                  .audioCoverStrength(job.strength())
                  .audioDuration(null)
                  .build(),
              sourceSeconds);
    };
  }

  private static Double positiveOrNull(Double d) {
    return d != null && d > 0 ? d : null;
  }
}
