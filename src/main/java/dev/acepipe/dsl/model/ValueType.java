package dev.acepipe.dsl.model;

/** The type a {@link StepField} resolves to. */
public enum ValueType {
  /** Free text. */
  STRING,
  /** A whole number ({@link Long} after resolution). */
  INTEGER,
  /** A number ({@link Double} after resolution). */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN
}
