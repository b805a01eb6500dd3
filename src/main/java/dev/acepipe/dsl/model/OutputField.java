package dev.acepipe.dsl.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code ${steps.ID.FIELD}} can read from an upstream step once it has run. */
public enum OutputField {
  /**
   * The caption (prompt) the step used or produced ({@code format}, {@code random}, {@code
   * sample}).
   */
  CAPTION,
  LYRICS,
  BPM,
  KEY,
  /** Seconds of audio (or the duration a {@code format} step suggests). */
  DURATION,
  /** The concrete seed of the take. */
  SEED,
  /** The local path of the take's audio file. */
  FILE,
  /**
   * How many takes the step keeps ({@code takes:}; 1 for a {@code select} step). Known from the
   * declaration, so the planner substitutes it; the reference still orders the reader after the
   * step.
   */
  TAKES;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OutputField> fromYaml(String name) {
    return Arrays.stream(values()).filter(f -> f.yamlName().equals(name)).findFirst();
  }

  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(OutputField::yamlName).toList();
  }
}
