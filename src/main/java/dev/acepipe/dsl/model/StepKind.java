package dev.acepipe.dsl.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The step kinds of DSL v1, spelled in YAML as {@link #yamlName()}. */
public enum StepKind {
  /** text2music ({@code /release_task}, task_type text2music). */
  GENERATE,
  /** sample mode: the server's LM writes caption, lyrics and metas from a {@code description}. */
  SAMPLE,
  /** extends {@code from} by {@code seconds}: a repaint past the end of the source. */
  CONTINUE,
  /** regenerates the window {@code [start, end)} of {@code from}. */
  REPAINT,
  /** re-performs {@code from} with a new caption, {@code strength} 0–1. */
  COVER,
  /**
   * {@code /format_input}: the LM rewrites caption and lyrics and fills metas; produces no audio.
   */
  FORMAT,
  /** a local audio file ({@code path}) enters the graph; no server call. */
  IMPORT,
  /** {@code /create_random_sample}: a random caption/lyrics/metas; produces no audio. */
  RANDOM,
  /**
   * picks one take out of every take of {@code from} (every take of every instance when {@code
   * from} is a matrix step) by a {@link SelectRule}; no server call.
   */
  SELECT,
  /** one stem ({@code track}) of {@code from} (task_type extract; base models only). */
  EXTRACT,
  /** adds a {@code track} to {@code from} (task_type lego; base models only). */
  LEGO,
  /** adds accompaniment {@code tracks} to {@code from} (task_type complete; base models only). */
  COMPLETE;

  /** The lower-case name used in the {@code type:} key. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True for kinds whose outputs are audio takes (everything but {@code format} and {@code
   * random}).
   */
  public boolean producesAudio() {
    return this != FORMAT && this != RANDOM;
  }

  /** True for kinds that edit the audio of another step and so require {@code from}. */
  public boolean needsSource() {
    return switch (this) {
      case CONTINUE, REPAINT, COVER, SELECT, EXTRACT, LEGO, COMPLETE -> true;
      case GENERATE, SAMPLE, FORMAT, IMPORT, RANDOM -> false;
    };
  }

  /** The kind written as {@code name} in YAML, if any. */
  public static Optional<StepKind> fromYaml(String name) {
    return Arrays.stream(values()).filter(k -> k.yamlName().equals(name)).findFirst();
  }

  /** All YAML names, in declaration order (for hints and the schema). */
  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(StepKind::yamlName).toList();
  }
}
