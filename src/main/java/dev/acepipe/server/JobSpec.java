package dev.acepipe.server;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code /release_task} request as the server understood it, with the real server's defaults applied.
 *
 * @param durationSeconds requested length, or {@code null} for automatic
 * @param seed the sent seed, or {@code null}/negative for "random"
 * @param batchSize takes to render, clamped to 1..8
 * @param audioFormat "mp3" (default), "wav" or "flac"; anything else became "flac" like the real server
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
    Long seed,
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
    boolean useFormat) {

  JobSpec {
    taskType = Objects.requireNonNullElse(taskType, "text2music");
    caption = Objects.requireNonNullElse(caption, "");
    lyrics = Objects.requireNonNullElse(lyrics, "");
    keyScale = Objects.requireNonNullElse(keyScale, "");
    timeSignature = Objects.requireNonNullElse(timeSignature, "");
    language = Objects.requireNonNullElse(language, "en");
    sampleQuery = Objects.requireNonNullElse(sampleQuery, "");
    batchSize = Math.max(1, Math.min(8, batchSize));
  }

  /** Reads a job from request parameters; never fails on a bad value (the real server does not either). */
  static JobSpec from(RequestParams p) {
    Long bpm = p.integer("bpm");
    Double cover = p.decimal("audio_cover_strength");
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
        p.integer("seed"),
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
        Boolean.TRUE.equals(p.bool("use_format")));
  }

  JobSpec withSource(String src, String ref) {
    return new JobSpec(taskType, caption, lyrics, durationSeconds, bpm, keyScale, timeSignature, language, model,
        seed, useRandomSeed, batchSize, src == null ? srcAudioPath : src, ref == null ? referenceAudioPath : ref,
        repaintStart, repaintEnd, coverStrength, audioFormat, thinking, sampleMode, sampleQuery, useFormat);
  }

  private static String audioFormat(String requested) {
    if (requested == null || requested.isBlank()) {
      return "mp3";
    }
    String f = requested.strip().toLowerCase(Locale.ROOT);
    return f.equals("mp3") || f.equals("wav") ? f : "flac";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
