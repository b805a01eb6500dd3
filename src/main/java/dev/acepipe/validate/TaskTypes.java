package dev.acepipe.validate;

import dev.acepipe.dsl.model.Step;
import java.util.Optional;

/** The server task type ({@code task_type}) a step's jobs are sent as. */
final class TaskTypes {
  private TaskTypes() {}

  /**
   * The task type of {@code step}; empty for kinds that send no job.
   *
   * @param variant the step's {@code variant:} when known ({@code nofsq} makes a cover {@code
   *     cover-nofsq})
   */
  static Optional<String> of(Step step, Optional<String> variant) {
    return switch (step.kind()) {
      case GENERATE, SAMPLE -> Optional.of("text2music");
      case CONTINUE, REPAINT -> Optional.of("repaint");
      case COVER -> Optional.of(variant.map(v -> "cover-" + v.strip()).orElse("cover"));
      case EXTRACT -> Optional.of("extract");
      case LEGO -> Optional.of("lego");
      case COMPLETE -> Optional.of("complete");
      case FORMAT, IMPORT, RANDOM, SELECT -> Optional.empty();
    };
  }
}
