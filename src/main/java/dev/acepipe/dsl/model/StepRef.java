package dev.acepipe.dsl.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to one take of a step: {@code draft} (take 0) or {@code draft#1}.
 *
 * <p>In a {@link Pipeline} {@code step} is a declared step id; in a plan it is an instance id such
 * as {@code variations[mood=dark]}.
 */
public record StepRef(String step, int take) {
  public StepRef {
    Objects.requireNonNull(step, "step");
    if (step.isEmpty()) {
      throw new IllegalArgumentException("empty step id");
    }
    if (take < 0) {
      throw new IllegalArgumentException("negative take " + take + " of " + step);
    }
  }

  /**
   * Parses {@code id} or {@code id#N}; empty when the text is not of that form (the caller reports
   * it).
   */
  public static Optional<StepRef> parse(String text) {
    int hash = text.lastIndexOf('#');
    String id = hash < 0 ? text : text.substring(0, hash);
    if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
      return Optional.empty();
    }
    if (hash < 0) {
      return Optional.of(new StepRef(id, 0));
    }
    String n = text.substring(hash + 1);
    if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(new StepRef(id, Integer.parseInt(n)));
  }

  /** The same take of another step (used when a plan binds a step id to an instance id). */
  public StepRef withStep(String otherStep) {
    return new StepRef(otherStep, take);
  }

  @Override
  public String toString() {
    return take == 0 ? step : step + "#" + take;
  }
}
