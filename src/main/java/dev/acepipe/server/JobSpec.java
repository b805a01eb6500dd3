package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.audio.AudioFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code /release_task} request as the server understood it, with the real server's defaults
 * applied.
 *
 * @param durationSeconds requested length, or {@code null} for automatic
 * @param seeds the sent seed values in order: one for an int or a single-value string, several for
 *     a {@code "s1,s2,..."} string (negative entries mean "random"); empty when none was sent
 * @param batchSize takes asked for, clamped to 1..8 (the server may cut it further)
 * @param useCotCaption {@code use_cot_caption} as sent, {@code null} when absent (upstream's
 *     default is true)
 * @param useCotLanguage {@code use_cot_language} as sent, {@code null} when absent (upstream's
 *     default is true)
 * @param audioFormat "mp3" (default), "wav" or "flac"; anything else became "flac" like the real
 *     server
 * @param trackName {@code track_name} (extract, lego), or {@code null}
 * @param trackClasses {@code track_classes}/{@code instruments} (complete): a list, or one string;
 *     empty if absent
 * @param globalCaption {@code global_caption} (lego), "" if absent
 * @param repaintMode {@code repaint_mode} as sent, {@code null} when absent (upstream's default is
 *     balanced)
 * @param repaintStrength {@code repaint_strength} as sent, {@code null} when absent (default 0.5)
 * @param coverNoiseStrength {@code cover_noise_strength}, 0 when absent (upstream's default: pure
 *     noise)
 */
record JobSpec(
    String taskType,
    String caption,
    String lyrics,
    Double durationSeconds,
    Integer bpm,
    String keyScale,
    String timeSignature,
    String language,
    String model,
    List<Long> seeds,
    boolean useRandomSeed,
    int batchSize,
    String srcAudioPath,
    String referenceAudioPath,
    double repaintStart,
    Double repaintEnd,
    double coverStrength,
    String audioFormat,
    boolean thinking,
    boolean sampleMode,
    String sampleQuery,
    boolean useFormat,
    Boolean useCotCaption,
    Boolean useCotLanguage,
    String trackName,
    List<String> trackClasses,
    String globalCaption,
    String repaintMode,
    Double repaintStrength,
    double coverNoiseStrength) {

  /** The repaint modes upstream's request model accepts. */
  static final List<String> REPAINT_MODES = List.of("conservative", "balanced", "aggressive");

  JobSpec {
    trackClasses = trackClasses == null ? List.of() : List.copyOf(trackClasses);
    globalCaption = Objects.requireNonNullElse(globalCaption, "");
    taskType = Objects.requireNonNullElse(taskType, "text2music");
    caption = Objects.requireNonNullElse(caption, "");
    lyrics = Objects.requireNonNullElse(lyrics, "");
    keyScale = Objects.requireNonNullElse(keyScale, "");
    timeSignature = Objects.requireNonNullElse(timeSignature, "");
    language = Objects.requireNonNullElse(language, "en");
    sampleQuery = Objects.requireNonNullElse(sampleQuery, "");
    seeds = List.copyOf(seeds);
    batchSize = Math.max(1, Math.min(8, batchSize));
  }

  /**
   * Reads a job from request parameters; never fails on a bad value (the real server does not
   * either).
   */
  static JobSpec from(RequestParams p) {
    Long bpm = p.integer("bpm");
    Double cover = p.decimal("audio_cover_strength");
    Double noise = p.decimal("cover_noise_strength");
    Double start = p.decimal("repainting_start");
    Long batch = p.integer("batch_size");
    Boolean random = p.bool("use_random_seed");
    return new JobSpec(
        p.text("task_type"),
        p.text("prompt"),
        p.text("lyrics"),
        p.decimal("audio_duration"),
        bpm == null || bpm <= 0 ? null : (int) Math.min(bpm, 1000),
        p.text("key_scale"),
        p.text("time_signature"),
        p.text("vocal_language"),
        p.text("model"),
        seeds(p.value("seed")),
        random == null || random,
        batch == null ? 2 : (int) Math.max(1, Math.min(8, batch)),
        blankToNull(p.text("src_audio_path")),
        blankToNull(p.text("reference_audio_path")),
        start == null ? 0 : start,
        p.decimal("repainting_end"),
        cover == null ? 1.0 : cover,
        audioFormat(p.text("audio_format")),
        Boolean.TRUE.equals(p.bool("thinking")),
        Boolean.TRUE.equals(p.bool("sample_mode")),
        p.text("sample_query"),
        Boolean.TRUE.equals(p.bool("use_format")),
        p.bool("use_cot_caption"),
        p.bool("use_cot_language"),
        blankToNull(p.text("track_name")),
        texts(p.value("track_classes")),
        p.text("global_caption"),
        blankToNull(p.text("repaint_mode")),
        p.decimal("repaint_strength"),
        noise == null ? 0 : noise);
  }

  /**
   * What upstream's request model refuses (it checks {@code repaint_mode} and {@code
   * repaint_strength} in 0..1 and nothing else), empty when the job is acceptable.
   */
  java.util.Optional<String> invalidControl() {
    if (repaintMode != null && !REPAINT_MODES.contains(repaintMode.toLowerCase(Locale.ROOT))) {
      return java.util.Optional.of(
          "repaint_mode must be one of conservative, balanced, aggressive, got '"
              + repaintMode
              + "'");
    }
    if (repaintStrength != null && (repaintStrength < 0 || repaintStrength > 1)) {
      return java.util.Optional.of(
          "repaint_strength must be between 0 and 1, got " + repaintStrength);
    }
    return java.util.Optional.empty();
  }

  /**
   * The tracks a stem task names: {@code track_name} for extract and lego, {@code track_classes}
   * otherwise.
   */
  List<String> tracks() {
    if (taskType.equals("extract") || taskType.equals("lego")) {
      return trackName == null ? List.of() : List.of(trackName);
    }
    return trackClasses;
  }

  /** A list of strings, or one string, as upstream reads {@code track_classes}. */
  private static List<String> texts(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(
          n -> {
            if (n.isValueNode() && !n.asText().isBlank()) {
              out.add(n.asText().strip());
            }
          });
    } else if (node.isValueNode() && !node.asText().isBlank()) {
      out.add(node.asText().strip());
    }
    return out;
  }

  /** Whether the job asks for the LM: thinking, sample mode or format. */
  boolean needsLm() {
    return thinking || sampleMode || useFormat;
  }

  /**
   * The seed values of a {@code seed} field: a number, or a string of comma-separated integers.
   * Entries that do not parse are dropped, as the real server falls back to its default for a
   * number it cannot read.
   */
  static List<Long> seeds(JsonNode node) {
    if (node == null || node.isContainerNode()) {
      return List.of();
    }
    if (node.isNumber()) {
      return List.of((long) Math.floor(node.asDouble()));
    }
    List<Long> seeds = new ArrayList<>();
    for (String part : node.asText().split(",")) {
      try {
        seeds.add((long) Math.floor(Double.parseDouble(part.strip())));
      } catch (NumberFormatException e) {
        // skipped: an unreadable entry seeds nothing
      }
    }
    return List.copyOf(seeds);
  }

  JobSpec withSource(String src, String ref) {
    return new JobSpec(
        taskType,
        caption,
        lyrics,
        durationSeconds,
        bpm,
        keyScale,
        timeSignature,
        language,
        model,
        seeds,
        useRandomSeed,
        batchSize,
        src == null ? srcAudioPath : src,
        ref == null ? referenceAudioPath : ref,
        repaintStart,
        repaintEnd,
        coverStrength,
        audioFormat,
        thinking,
        sampleMode,
        sampleQuery,
        useFormat,
        useCotCaption,
        useCotLanguage,
        trackName,
        trackClasses,
        globalCaption,
        repaintMode,
        repaintStrength,
        coverNoiseStrength);
  }

  private static String audioFormat(String requested) {
    if (requested == null || requested.isBlank()) {
      return AudioFormat.MP3.extension();
    }
    // Only the exact names: the real server writes anything else ("wave", ".wav") as flac.
    String f = requested.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(AudioFormat.values())
        .map(AudioFormat::extension)
        .filter(f::equals)
        .findFirst()
        .orElse(AudioFormat.FLAC.extension());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
