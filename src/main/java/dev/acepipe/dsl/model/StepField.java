package dev.acepipe.dsl.model;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every step field that becomes part of a request. Each may be written as a literal or as a {@code
 * ${...}} template; this enum is the one source of truth for its YAML key, type, allowed range and
 * the step kinds it applies to (the decoder, the validator, the planner and the JSON Schema test
 * all read it).
 *
 * <p>Structural step keys ({@code type}, {@code from}, {@code reference}, {@code needs}, {@code
 * takes}, {@code retries}, {@code timeout}, {@code matrix}, {@code extra}, {@code use}, {@code
 * pick}) are not in this enum; see {@link Step}. No field applies to a {@code select} step: it only
 * picks a take.
 */
public enum StepField {
  PROMPT("prompt", ValueType.STRING),
  LYRICS("lyrics", ValueType.STRING),
  DURATION("duration", ValueType.NUMBER, 10, 600),
  BPM("bpm", ValueType.INTEGER, 30, 300),
  KEY("key", ValueType.STRING),
  TIME_SIGNATURE("time_signature", ValueType.INTEGER, List.of("2", "3", "4", "6")),
  LANGUAGE("language", ValueType.STRING),
  SEED("seed", ValueType.INTEGER, 0, 4_294_967_295.0),
  MODEL("model", ValueType.STRING),
  THINKING("thinking", ValueType.BOOLEAN),
  INFERENCE_STEPS("inference_steps", ValueType.INTEGER, 1, 200),
  GUIDANCE_SCALE("guidance_scale", ValueType.NUMBER, 1, 30),
  // opus/aac/wav32 only on newer servers (ServerProfile.formats()); every take is still probed
  // for its duration (audio.ContainerProbe), but opus/aac takes cannot be decoded or converted.
  AUDIO_FORMAT(
      "audio_format", ValueType.STRING, List.of("mp3", "wav", "flac", "opus", "aac", "wav32")),
  USE_FORMAT("use_format", ValueType.BOOLEAN),
  /**
   * Lets the server's LM rewrite caption and language ({@code use_cot_caption}/{@code
   * use_cot_language}).
   */
  LM_REWRITE(
      "lm_rewrite",
      ValueType.BOOLEAN,
      EnumSet.of(
          StepKind.GENERATE, StepKind.SAMPLE, StepKind.CONTINUE, StepKind.REPAINT, StepKind.COVER)),
  SECONDS("seconds", ValueType.NUMBER, 1, 600, EnumSet.of(StepKind.CONTINUE)),
  START("start", ValueType.NUMBER, 0, Double.POSITIVE_INFINITY, EnumSet.of(StepKind.REPAINT)),
  END("end", ValueType.NUMBER, 0, Double.POSITIVE_INFINITY, EnumSet.of(StepKind.REPAINT)),
  /**
   * cover: how close to the source ({@code audio_cover_strength}); repaint: how much of the source
   * the {@code balanced} mode keeps out of the window's edges ({@code repaint_strength}).
   */
  STRENGTH("strength", ValueType.NUMBER, 0, 1, EnumSet.of(StepKind.COVER, StepKind.REPAINT)),
  /** repaint: how the window blends into the source ({@code repaint_mode}). */
  MODE(
      "mode",
      ValueType.STRING,
      List.of("conservative", "balanced", "aggressive"),
      EnumSet.of(StepKind.REPAINT)),
  /** cover: the starting noise, 0 = pure noise, 1 = closest to the source. */
  NOISE_STRENGTH("noise_strength", ValueType.NUMBER, 0, 1, EnumSet.of(StepKind.COVER)),
  /** cover: {@code nofsq} sends task_type {@code cover-nofsq}. */
  VARIANT("variant", ValueType.STRING, List.of("nofsq"), EnumSet.of(StepKind.COVER)),
  /**
   * continue: the extension starts this many seconds before the source's end (less than the
   * source's length).
   */
  OVERLAP("overlap", ValueType.NUMBER, 0, 600, EnumSet.of(StepKind.CONTINUE)),
  /** continue: adds this many seconds before the source's start instead of after its end. */
  PREPEND("prepend", ValueType.NUMBER, 1, 600, EnumSet.of(StepKind.CONTINUE)),
  DESCRIPTION("description", ValueType.STRING, EnumSet.of(StepKind.SAMPLE)),
  /**
   * extract, lego: the stem to take out or to add ({@code track_name}), one of {@link
   * Tracks#NAMES}.
   */
  TRACK("track", ValueType.STRING, Tracks.NAMES, EnumSet.of(StepKind.EXTRACT, StepKind.LEGO)),
  /**
   * complete: the accompaniment to add ({@code track_classes}); written as a YAML list, held as
   * comma-separated text (see {@link #isList()}).
   */
  TRACK_CLASSES("tracks", ValueType.STRING, Tracks.NAMES, EnumSet.of(StepKind.COMPLETE)),
  /**
   * lego: the whole song's caption ({@code global_caption}); {@code prompt} describes the track.
   */
  GLOBAL_CAPTION("global_caption", ValueType.STRING, EnumSet.of(StepKind.LEGO)),
  PATH("path", ValueType.STRING, EnumSet.of(StepKind.IMPORT)),
  /** The imported file's absolute path on the server, where it already is. */
  SERVER_PATH("server_path", ValueType.STRING, EnumSet.of(StepKind.IMPORT));

  private final String key;
  private final ValueType type;
  private final double min;
  private final double max;
  private final List<String> allowed;
  private final Set<StepKind> kinds;

  StepField(String key, ValueType type) {
    this(
        key,
        type,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        List.of(),
        EnumSet.complementOf(EnumSet.of(StepKind.SELECT)));
  }

  StepField(String key, ValueType type, Set<StepKind> kinds) {
    this(key, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of(), kinds);
  }

  StepField(String key, ValueType type, double min, double max) {
    this(key, type, min, max, List.of(), EnumSet.complementOf(EnumSet.of(StepKind.SELECT)));
  }

  StepField(String key, ValueType type, double min, double max, Set<StepKind> kinds) {
    this(key, type, min, max, List.of(), kinds);
  }

  StepField(String key, ValueType type, List<String> allowed) {
    this(
        key,
        type,
        Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY,
        allowed,
        EnumSet.complementOf(EnumSet.of(StepKind.SELECT)));
  }

  StepField(String key, ValueType type, List<String> allowed, Set<StepKind> kinds) {
    this(key, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, allowed, kinds);
  }

  StepField(
      String key,
      ValueType type,
      double min,
      double max,
      List<String> allowed,
      Set<StepKind> kinds) {
    this.key = key;
    this.type = type;
    this.min = min;
    this.max = max;
    this.allowed = allowed;
    this.kinds = kinds;
  }

  /** The YAML key, e.g. {@code time_signature}. */
  public String key() {
    return key;
  }

  public ValueType type() {
    return type;
  }

  /** Inclusive lower bound for numbers ({@code -Infinity} when unbounded). */
  public double min() {
    return min;
  }

  /** Inclusive upper bound for numbers ({@code +Infinity} when unbounded). */
  public double max() {
    return max;
  }

  /** The only allowed values, as text; empty when any value of the type is allowed. */
  public List<String> allowed() {
    return allowed;
  }

  /** The kinds that use this field; on other kinds it is an {@code unknown-key}. */
  public Set<StepKind> kinds() {
    return EnumSet.copyOf(kinds);
  }

  public boolean appliesTo(StepKind kind) {
    return kinds.contains(kind);
  }

  /**
   * True for the one list-valued field, {@code tracks}: YAML lists are held as comma-separated
   * text, and every item is checked against {@link #allowed()}.
   */
  public boolean isList() {
    return this == TRACK_CLASSES;
  }

  /** The items of a list field's resolved text (trimmed, empty items dropped). */
  public static List<String> items(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  /** The field written as {@code key} in YAML, if any. */
  public static Optional<StepField> fromKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  /**
   * Converts resolved text to this field's type ({@link String}, {@link Long}, {@link Double} or
   * {@link Boolean}); for text already known to be of the type (a checked literal). Text that may
   * not be is read with {@link #read(String)}.
   *
   * @throws IllegalArgumentException with a user-facing message when the text is not of the type
   */
  public Object convert(String text) {
    Object value = typed(text);
    if (value == null) {
      throw new IllegalArgumentException(typeProblem(text));
    }
    return value;
  }

  /** Reads resolved text: converts it to this field's type, then checks the range. */
  public FieldValue read(String text) {
    Object value = typed(text);
    if (value == null) {
      return FieldValue.wrongType(typeProblem(text));
    }
    return rangeProblem(value)
        .map(problem -> FieldValue.outOfRange(value, problem))
        .orElseGet(() -> FieldValue.valid(value));
  }

  /** The text as this field's type, or null when it is not of the type. */
  private Object typed(String text) {
    String t = text.strip();
    switch (type) {
      case STRING:
        return text;
      case BOOLEAN:
        if (t.equalsIgnoreCase("true")) {
          return Boolean.TRUE;
        }
        return t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      case INTEGER:
        try {
          return Long.parseLong(t);
        } catch (NumberFormatException e) {
          Double d = finite(t);
          return d != null && d == Math.rint(d) ? Long.valueOf(d.longValue()) : null;
        }
      case NUMBER:
        return finite(t);
      default:
        throw new AssertionError(type);
    }
  }

  private static Double finite(String t) {
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String typeProblem(String text) {
    String words =
        switch (type) {
          case BOOLEAN -> "true or false";
          case INTEGER -> "a whole number";
          default -> "a number"; // NUMBER: text is always a STRING
        };
    return "'" + key + "' must be " + words + ", got '" + text + "'";
  }

  /**
   * Checks a converted value against the range and the allowed values; empty when it is fine, else
   * a user-facing message.
   */
  public Optional<String> rangeProblem(Object value) {
    if (isList()) {
      List<String> items = items(String.valueOf(value));
      if (items.isEmpty()) {
        return Optional.of("'" + key + "' names no track");
      }
      for (String item : items) {
        if (!allowed.contains(item)) {
          return Optional.of(
              "'" + key + "' must list " + String.join(", ", allowed) + ", got '" + item + "'");
        }
      }
      return Optional.empty();
    }
    if (!allowed.isEmpty()) {
      String text =
          value instanceof Double d && d == Math.rint(d)
              ? String.valueOf(d.longValue())
              : String.valueOf(value);
      if (!allowed.contains(text)) {
        return Optional.of(
            "'" + key + "' must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
      }
      return Optional.empty();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d < min || d > max) {
        return Optional.of("'" + key + "' must be " + rangeText() + ", got " + display(n));
      }
    }
    return Optional.empty();
  }

  /** The range in words, e.g. {@code between 30 and 300} or {@code at least 0}. */
  public String rangeText() {
    if (Double.isInfinite(max)) {
      return "at least " + display(min);
    }
    return "between " + display(min) + " and " + display(max);
  }

  private static String display(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
