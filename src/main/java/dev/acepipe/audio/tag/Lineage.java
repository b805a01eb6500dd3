package dev.acepipe.audio.tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recipe a rendered file carries. Stored as the fields {@code ACEPIPE_PIPELINE}, {@code
 * ACEPIPE_STEP}, {@code ACEPIPE_FINGERPRINT}, {@code ACEPIPE_SEED}, {@code ACEPIPE_MODEL} and
 * {@code ACEPIPE_VERSION} in every format, plus the optional {@code ACEPIPE_RENDERED_BY}, {@code
 * ACEPIPE_SERVER_USED} and {@code ACEPIPE_LORA}. Values are single-line text (control characters
 * are refused) so they survive every container.
 *
 * @param pipeline the pipeline's {@code name}
 * @param step the step instance id ({@code draft}, {@code variations[mood=dark]})
 * @param fingerprint the step's fingerprint ({@code v1-...})
 * @param seed the seed sent for this take
 * @param model the model that rendered it
 * @param acepipeVersion the acepipe version that wrote it
 * @param renderedBy who rendered it ({@code ACEPIPE_RENDERED_BY}): "embedded synthesizer (not AI)"
 *     or the server's URL, version and generation; {@code null} when unknown
 * @param serverUsed what the server used where it differed from the request ({@code
 *     ACEPIPE_SERVER_USED}, e.g. {@code caption='...'; bpm=96}); {@code null} when nothing differed
 */
public record Lineage(
    String pipeline,
    String step,
    String fingerprint,
    long seed,
    String model,
    String acepipeVersion,
    String renderedBy,
    String serverUsed,
    String lora) {
  static final String PREFIX = "ACEPIPE_";

  public Lineage {
    requireLine("pipeline", pipeline);
    requireLine("step", step);
    requireLine("fingerprint", fingerprint);
    requireLine("model", model);
    requireLine("acepipeVersion", acepipeVersion);
    renderedBy = blankToNull(renderedBy);
    serverUsed = blankToNull(serverUsed);
    lora = blankToNull(lora);
    requireLineOrNull("renderedBy", renderedBy);
    requireLineOrNull("serverUsed", serverUsed);
    requireLineOrNull("lora", lora);
  }

  /** The six required fields only. */
  public Lineage(
      String pipeline,
      String step,
      String fingerprint,
      long seed,
      String model,
      String acepipeVersion) {
    this(pipeline, step, fingerprint, seed, model, acepipeVersion, null, null, null);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }

  private static void requireLineOrNull(String name, String value) {
    if (value != null) {
      requireLine(name, value);
    }
  }

  private static void requireLine(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("lineage " + name + " must not be blank");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "lineage " + name + " must be one line without control characters");
    }
  }

  /** The tag fields, in a fixed order. */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(PREFIX + "PIPELINE", pipeline);
    m.put(PREFIX + "STEP", step);
    m.put(PREFIX + "FINGERPRINT", fingerprint);
    m.put(PREFIX + "SEED", Long.toString(seed));
    m.put(PREFIX + "MODEL", model);
    m.put(PREFIX + "VERSION", acepipeVersion);
    if (renderedBy != null) {
      m.put(PREFIX + "RENDERED_BY", renderedBy);
    }
    if (serverUsed != null) {
      m.put(PREFIX + "SERVER_USED", serverUsed);
    }
    if (lora != null) {
      m.put(PREFIX + "LORA", lora);
    }
    return m;
  }

  /** The lineage in {@code fields} (keys upper case), if all six fields are present and valid. */
  static Optional<Lineage> fromFields(Map<String, String> fields) {
    try {
      return Optional.of(
          new Lineage(
              fields.get(PREFIX + "PIPELINE"),
              fields.get(PREFIX + "STEP"),
              fields.get(PREFIX + "FINGERPRINT"),
              Long.parseLong(fields.getOrDefault(PREFIX + "SEED", "")),
              fields.get(PREFIX + "MODEL"),
              fields.get(PREFIX + "VERSION"),
              fields.get(PREFIX + "RENDERED_BY"),
              fields.get(PREFIX + "SERVER_USED"),
              fields.get(PREFIX + "LORA")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isOurs(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).startsWith(PREFIX);
  }
}
