package dev.acepipe.dsl.model;

import java.util.Objects;

/**
 * One {@code outputs:} entry: copy take {@code ref.take()} of {@code ref.step()} to {@code path}, a
 * relative path inside the project directory (the directory holding the pipeline file).
 */
public record OutputSpec(StepRef ref, String path, SourceLocation location) {
  public OutputSpec {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
  }
}
