package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One take to render, as the embedded server understood a {@code /release_task} job.
 *
 * @param taskType "text2music", "repaint", "cover", "cover-nofsq", "extract", "lego" or "complete";
 *     anything else renders as text2music, like the real server
 * @param caption the style caption (may be empty)
 * @param lyrics lyrics with structure tags such as {@code [Verse 1]} (may be empty = instrumental)
 * @param durationSeconds requested length; {@code <= 0} means "choose one" (the synthesizer derives
 *     it)
 * @param bpm requested tempo, or {@code null} to choose one
 * @param keyScale e.g. "A minor", "F# Major"; empty to choose one
 * @param timeSignature "2", "3", "4" or "6"; empty to choose one
 * @param sourceAudio the server-local source file for repaint/cover, or {@code null}
 * @param referenceAudio a server-local style reference, or {@code null}
 * @param repaintStart start of the repaint window in seconds (negative prepends new audio)
 * @param repaintEnd end of the repaint window in seconds; {@code null} or {@code <= 0} means end of
 *     source
 * @param coverStrength 0..1, how far a cover departs from the source (source blended by {@code 1 -
 *     strength})
 * @param audioFormat "wav", "flac" or "mp3"
 * @param edits the stem tracks, edit controls and LoRA amount; {@link Edits#NONE} for none
 */
public record SynthRequest(
    String taskType,
    String caption,
    String lyrics,
    double durationSeconds,
    Integer bpm,
    String keyScale,
    String timeSignature,
    Path sourceAudio,
    Path referenceAudio,
    double repaintStart,
    Double repaintEnd,
    double coverStrength,
    String audioFormat,
    Edits edits) {

  public SynthRequest {
    edits = Objects.requireNonNullElse(edits, Edits.NONE);
    taskType = Objects.requireNonNullElse(taskType, "text2music");
    caption = Objects.requireNonNullElse(caption, "");
    lyrics = Objects.requireNonNullElse(lyrics, "");
    keyScale = Objects.requireNonNullElse(keyScale, "");
    timeSignature = Objects.requireNonNullElse(timeSignature, "");
    audioFormat = Objects.requireNonNullElse(audioFormat, AudioFormat.MP3.extension());
  }

  /**
   * What a request sets beyond the song and its window.
   *
   * @param tracks upstream track names for extract/lego ({@code track_name}) or complete ({@code
   *     track_classes}), lower case; see {@link Stems} for the voices they map to
   * @param repaintMode "conservative", "balanced" (upstream's default) or "aggressive"; how the
   *     window blends
   * @param repaintStrength 0..1; in balanced mode, how much of the source's blending is given up
   * @param coverNoiseStrength 0..1; how close to the source a cover starts (0 = pure noise,
   *     upstream's default)
   * @param loraAmount 0..1; the timbre change of the server's active LoRA adapters (0 = none)
   */
  public record Edits(
      List<String> tracks,
      String repaintMode,
      double repaintStrength,
      double coverNoiseStrength,
      double loraAmount) {
    /** No stem tracks, edit controls or LoRA: balanced repaint at strength 0.5, as upstream. */
    public static final Edits NONE = new Edits(List.of(), "balanced", 0.5, 0, 0);

    public Edits {
      tracks = tracks == null ? List.of() : List.copyOf(tracks);
      repaintMode = Objects.requireNonNullElse(repaintMode, "balanced");
    }
  }
}
