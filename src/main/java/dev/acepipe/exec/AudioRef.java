package dev.acepipe.exec;

import java.util.Objects;

/** One take of an upstream step, as {@code from: draft#1} names it. */
public record AudioRef(String stepId, int take) {
  public AudioRef {
    Objects.requireNonNull(stepId, "stepId");
    if (take < 0) {
      throw new IllegalArgumentException("take index must be >= 0, was " + take);
    }
  }

  @Override
  public String toString() {
    return take == 0 ? stepId : stepId + "#" + take;
  }
}
