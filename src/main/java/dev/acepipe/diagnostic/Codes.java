package dev.acepipe.diagnostic;

import dev.acepipe.dsl.model.FieldValue;
import java.util.List;

/** The stable diagnostic codes. Documented with examples in {@code docs/dsl.md}. */
public final class Codes {
  public static final String YAML_SYNTAX = "yaml-syntax";
  public static final String DUPLICATE_KEY = "duplicate-key";
  public static final String UNSAFE_YAML = "unsafe-yaml";
  public static final String TOO_LARGE = "too-large";
  public static final String UNKNOWN_KEY = "unknown-key";
  public static final String WRONG_TYPE = "wrong-type";
  public static final String MISSING_FIELD = "missing-field";
  public static final String OUT_OF_RANGE = "out-of-range";
  public static final String UNKNOWN_KIND = "unknown-kind";
  public static final String UNKNOWN_STEP = "unknown-step";
  public static final String BAD_TAKE = "bad-take";
  public static final String CYCLE = "cycle";
  public static final String BAD_EXPRESSION = "bad-expression";
  public static final String REPAINT_WINDOW = "repaint-window";
  public static final String OUTPUT_PATH = "output-path";
  public static final String UNSUPPORTED_VERSION = "unsupported-version";

  /** A from/reference/${steps} to a matrix step that cannot be bound to one instance. */
  public static final String MATRIX_REF = "matrix-ref";

  /** A {@code ${params.X}} or {@code ${env.X}} with no value at plan time. */
  public static final String MISSING_VALUE = "missing-value";

  /** {@code use:} names no template. */
  public static final String UNKNOWN_TEMPLATE = "unknown-template";

  /** A {@code select} step's {@code pick} names no rule, or its {@code from} names a take. */
  public static final String SELECT_RULE = "select-rule";

  /** An {@code include:} file is missing, unreadable, escapes nothing sensible or forms a cycle. */
  public static final String INCLUDE = "include";

  /** An {@code import} step's file is missing, does not decode, or has no known duration. */
  public static final String IMPORT_FILE = "import-file";

  /**
   * {@code --set}/{@code --params} or {@code ${params.X}} names a parameter that is not declared.
   */
  public static final String UNKNOWN_PARAM = "unknown-param";

  /** An {@code album:} problem: a track title used twice or unusable as a file name. */
  public static final String ALBUM = "album";

  /**
   * A credential written into the recipe ({@code extra: {api_key: ...}}) or fed into a step from
   * the key's source.
   */
  public static final String CREDENTIAL = "credential-in-pipeline";

  /** A string holds a lone UTF-16 surrogate, which no server can receive intact. */
  public static final String BAD_TEXT = "bad-text";

  // ---- music-aware lint: warnings (errors under --strict), each silenced per step with lint:
  // {ignore: [code]}

  /**
   * The duration cannot hold the lyric lines and sections (3-5 s a line plus intro, outro,
   * instrumentals).
   */
  public static final String DURATION_VS_LYRICS = "duration-vs-lyrics";

  /** A bpm outside the stable 60-180. */
  public static final String BPM_RANGE = "bpm-range";

  /** bpm, key or time signature written into the caption instead of their fields. */
  public static final String META_IN_CAPTION = "meta-in-caption";

  /** Lyrics without structure tags such as [Verse] and [Chorus]. */
  public static final String NO_STRUCTURE_TAGS = "no-structure-tags";

  /**
   * An instrument in a lyric tag that the caption does not name, or caption instruments no tag
   * features.
   */
  public static final String INSTRUMENT_MISMATCH = "instrument-mismatch";

  /** More than 8 inference steps on a turbo model (the server caps them at 8). */
  public static final String TURBO_STEPS = "turbo-steps";

  /** A task type only base models run (lego, extract, complete) on a turbo model. */
  public static final String BASE_ONLY_TASK = "base-only-task";

  /** A cover with a custom instruction, which silently disables cover mode upstream. */
  public static final String COVER_INSTRUCTION = "cover-instruction";

  /**
   * A step renders takes acepipe cannot decode ({@code opus}, {@code aac}) while something needs
   * their samples: {@code expect:}, a conversion in {@code outputs:} or {@code album:}.
   */
  public static final String UNDECODABLE_FORMAT = "undecodable-format";

  /** Every lint code; the only codes {@code lint: {ignore: [...]}} accepts. */
  public static final List<String> LINT =
      List.of(
          DURATION_VS_LYRICS,
          BPM_RANGE,
          META_IN_CAPTION,
          NO_STRUCTURE_TAGS,
          INSTRUMENT_MISMATCH,
          TURBO_STEPS,
          BASE_ONLY_TASK,
          COVER_INSTRUCTION);

  public static final List<String> ALL =
      List.of(
          YAML_SYNTAX,
          DUPLICATE_KEY,
          UNSAFE_YAML,
          TOO_LARGE,
          UNKNOWN_KEY,
          WRONG_TYPE,
          MISSING_FIELD,
          OUT_OF_RANGE,
          UNKNOWN_KIND,
          UNKNOWN_STEP,
          BAD_TAKE,
          CYCLE,
          BAD_EXPRESSION,
          REPAINT_WINDOW,
          OUTPUT_PATH,
          UNSUPPORTED_VERSION,
          MATRIX_REF,
          MISSING_VALUE,
          UNKNOWN_TEMPLATE,
          SELECT_RULE,
          INCLUDE,
          IMPORT_FILE,
          UNKNOWN_PARAM,
          ALBUM,
          CREDENTIAL,
          BAD_TEXT,
          UNDECODABLE_FORMAT);

  private Codes() {}

  /** The code that reports a field value's problem. */
  public static String of(FieldValue.Problem problem) {
    return switch (problem) {
      case WRONG_TYPE -> WRONG_TYPE;
      case OUT_OF_RANGE -> OUT_OF_RANGE;
    };
  }
}
