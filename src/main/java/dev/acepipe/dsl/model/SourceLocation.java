package dev.acepipe.dsl.model;

import java.util.Objects;

/**
 * Where something was written: a file (as the user named it) and a 1-based line and column.
 *
 * <p>{@link #UNKNOWN} stands for values that do not come from a file (command-line params).
 */
public record SourceLocation(String file, int line, int column) {
  public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 1, 1);

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  /** The same place shifted {@code columns} to the right (points inside a scalar). */
  public SourceLocation plusColumns(int columns) {
    return new SourceLocation(file, line, column + columns);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
