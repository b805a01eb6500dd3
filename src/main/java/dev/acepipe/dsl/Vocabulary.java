package dev.acepipe.dsl;

import dev.acepipe.dsl.model.StepField;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The DSL's whole vocabulary: the keys each section accepts and the limits of literal values. The
 * part decoders read only these lists, and a test checks the JSON Schema against them.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final int VERSION = 1;

  public static final List<String> TOP_KEYS =
      List.of(
          "version",
          "name",
          "seed",
          "include",
          "params",
          "server",
          "defaults",
          "vars",
          "templates",
          "steps",
          "outputs",
          "album",
          "store",
          "models");

  /** The top-level keys of a file named by {@code include:}. */
  public static final List<String> LIBRARY_KEYS =
      List.of("version", "include", "params", "defaults", "vars", "templates");

  public static final List<String> PARAM_KEYS = List.of("type", "values", "default", "description");
  public static final List<String> ALBUM_KEYS =
      List.of(
          "title", "artist", "format", "loudness", "loudness_mode", "true_peak", "dir", "tracks");
  public static final List<String> TRACK_KEYS = List.of("step", "title");

  /** The only keys a {@code select} step takes. */
  public static final List<String> SELECT_STEP_KEYS =
      List.of("type", "use", "from", "pick", "needs", "retries", "timeout");

  public static final List<String> SERVER_KEYS = List.of("url", "api_key");

  /** The keys of one entry of {@code server:} written as a list (a pool). */
  public static final List<String> SERVER_ENTRY_KEYS =
      List.of(
          "name", "url", "api_key", "max_parallel", "weight", "models", "task_types", "adapters");

  /** The task types an ACE-Step server runs, for a pool entry's {@code task_types:}. */
  public static final List<String> SERVER_TASK_TYPES =
      List.of("text2music", "repaint", "cover", "cover-nofsq", "extract", "lego", "complete");

  /**
   * The keys of {@code store:} (a shared remote store); credentials are deliberately not among
   * them.
   */
  public static final List<String> STORE_KEYS = List.of("remote", "endpoint", "region");

  /** Step keys that are not {@link StepField}s. */
  public static final List<String> STRUCTURAL_STEP_KEYS =
      List.of(
          "type",
          "use",
          "from",
          "pick",
          "reference",
          "needs",
          "takes",
          "retries",
          "timeout",
          "matrix",
          "extra",
          "lora",
          "expect",
          "on_fail",
          "lint");

  /** The non-field keys {@code defaults:} accepts. */
  public static final List<String> STRUCTURAL_DEFAULT_KEYS =
      List.of("takes", "retries", "timeout", "extra", "lora", "expect", "on_fail", "lint");

  /** The keys of {@code models:} (how a run treats the server's loaded model). */
  public static final List<String> MODELS_KEYS = List.of("switch");

  /** The keys of one {@code lora:} adapter. */
  public static final List<String> LORA_KEYS = List.of("path", "scale", "name");

  public static final int MAX_TAKES = 8;
  public static final int MAX_RETRIES = 10;
  public static final int MAX_MATRIX_INSTANCES = 1000;
  public static final long MAX_SEED = 4_294_967_295L;
  public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  private static final List<String> STEP_KEYS =
      Stream.of(
              Stream.of("type"),
              Arrays.stream(StepField.values()).map(StepField::key),
              STRUCTURAL_STEP_KEYS.stream().filter(k -> !k.equals("type")))
          .flatMap(s -> s)
          .toList();
  private static final List<String> DEFAULT_KEYS =
      Stream.concat(
              Arrays.stream(StepField.values()).map(StepField::key),
              STRUCTURAL_DEFAULT_KEYS.stream())
          .toList();

  /** Every key a step accepts, in documentation order. */
  public static List<String> stepKeys() {
    return STEP_KEYS;
  }

  /** Every key {@code defaults:} accepts. */
  public static List<String> defaultKeys() {
    return DEFAULT_KEYS;
  }
}
