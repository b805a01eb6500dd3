package dev.acepipe.plan;

import dev.acepipe.dsl.model.SourceLocation;

/**
 * A planned step's field could not be resolved at run time: an upstream output is missing, or its
 * value has the wrong type or range (e.g. a {@code format} step answered {@code bpm: N/A}). The
 * message is user-facing and names the step and field.
 */
public final class ResolutionException extends RuntimeException {
  private final SourceLocation location;

  public ResolutionException(SourceLocation location, String message) {
    super(message);
    this.location = location;
  }

  /** Where the field was written. */
  public SourceLocation location() {
    return location;
  }
}
