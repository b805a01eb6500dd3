package dev.acepipe.audio.tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recipe a rendered file carries. Stored as the fields {@code ACEPIPE_PIPELINE}, {@code ACEPIPE_STEP},
 * {@code ACEPIPE_FINGERPRINT}, {@code ACEPIPE_SEED}, {@code ACEPIPE_MODEL} and {@code ACEPIPE_VERSION} in every
 * format. Values are single-line text (control characters are refused) so they survive every container.
 *
 * @param pipeline the pipeline's {@code name}
 * @param step the step instance id ({@code draft}, {@code variations[mood=dark]})
 * @param fingerprint the step's fingerprint ({@code v1-...})
 * @param seed the seed sent for this take
 * @param model the model that rendered it
 * @param acepipeVersion the acepipe version that wrote it
 */
public record Lineage(String pipeline, String step, String fingerprint, long seed, String model,
    String acepipeVersion) {
  static final String PREFIX = "ACEPIPE_";

  public Lineage {
    requireLine("pipeline", pipeline);
    requireLine("step", step);
    requireLine("fingerprint", fingerprint);
    requireLine("model", model);
    requireLine("acepipeVersion", acepipeVersion);
  }

  private static void requireLine(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("lineage " + name + " must not be blank");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("lineage " + name + " must be one line without control characters");
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
    return m;
  }

  /** The lineage in {@code fields} (keys upper case), if all six fields are present and valid. */
  static Optional<Lineage> fromFields(Map<String, String> fields) {
    try {
      return Optional.of(new Lineage(fields.get(PREFIX + "PIPELINE"), fields.get(PREFIX + "STEP"),
          fields.get(PREFIX + "FINGERPRINT"), Long.parseLong(fields.getOrDefault(PREFIX + "SEED", "")),
          fields.get(PREFIX + "MODEL"), fields.get(PREFIX + "VERSION")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isOurs(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).startsWith(PREFIX);
  }
}
