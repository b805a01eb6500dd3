package dev.acepipe.dsl.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Resolved text read as a {@link StepField}: the value of the field's type, or what is wrong with
 * the text. A value, not an exception, because each reader answers a problem its own way (the
 * decoder and the validator report a diagnostic, the planner a run-time failure, a rule skips).
 *
 * @param value the converted value ({@link String}, {@link Long}, {@link Double} or {@link
 *     Boolean}); also set when it is out of range, null only when the text is not of the type
 * @param problem what is wrong, or null when the value is fine
 * @param message a user-facing sentence naming the field; empty when the value is fine
 */
public record FieldValue(Object value, Problem problem, String message) {

  /** What can be wrong with resolved text. */
  public enum Problem {
    /** Not of the field's type: {@code bpm: fast}. */
    WRONG_TYPE,
    /** Of the type but outside the range or the allowed values: {@code bpm: 900}. */
    OUT_OF_RANGE
  }

  public FieldValue {
    Objects.requireNonNull(message, "message");
    if ((problem == null) != message.isEmpty()
        || (value == null) != (problem == Problem.WRONG_TYPE)) {
      throw new IllegalArgumentException("field value " + value + ", " + problem + ": " + message);
    }
  }

  static FieldValue valid(Object value) {
    return new FieldValue(value, null, "");
  }

  static FieldValue wrongType(String message) {
    return new FieldValue(null, Problem.WRONG_TYPE, message);
  }

  static FieldValue outOfRange(Object value, String message) {
    return new FieldValue(value, Problem.OUT_OF_RANGE, message);
  }

  public boolean isValid() {
    return problem == null;
  }

  /** The converted value, even when it is out of range; empty when the text is not of the type. */
  public Optional<Object> typed() {
    return Optional.ofNullable(value);
  }
}
