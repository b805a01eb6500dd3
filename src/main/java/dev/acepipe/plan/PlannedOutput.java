package dev.acepipe.plan;

import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepRef;
import java.util.Objects;

/**
 * Copy take {@code ref.take()} of instance {@code ref.step()} to {@code path} (relative to the
 * project directory, checked not to leave it).
 */
public record PlannedOutput(StepRef ref, String path, SourceLocation location) {
  public PlannedOutput {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
  }
}
