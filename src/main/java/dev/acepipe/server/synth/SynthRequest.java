package dev.acepipe.server.synth;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One take to render, as the embedded server understood a {@code /release_task} job.
 *
 * @param taskType "text2music", "repaint" or "cover"; anything else renders as text2music, like the real server
 * @param caption the style caption (may be empty)
 * @param lyrics lyrics with structure tags such as {@code [Verse 1]} (may be empty = instrumental)
 * @param durationSeconds requested length; {@code <= 0} means "choose one" (the synthesizer derives it)
 * @param bpm requested tempo, or {@code null} to choose one
 * @param keyScale e.g. "A minor", "F# Major"; empty to choose one
 * @param timeSignature "2", "3", "4" or "6"; empty to choose one
 * @param sourceAudio the server-local source file for repaint/cover, or {@code null}
 * @param referenceAudio a server-local style reference, or {@code null}
 * @param repaintStart start of the repaint window in seconds (negative prepends new audio)
 * @param repaintEnd end of the repaint window in seconds; {@code null} or {@code <= 0} means end of source
 * @param coverStrength 0..1, how far a cover departs from the source (source blended by {@code 1 - strength})
 * @param audioFormat "wav", "flac" or "mp3"
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
    String audioFormat) {

  public SynthRequest {
    taskType = Objects.requireNonNullElse(taskType, "text2music");
    caption = Objects.requireNonNullElse(caption, "");
    lyrics = Objects.requireNonNullElse(lyrics, "");
    keyScale = Objects.requireNonNullElse(keyScale, "");
    timeSignature = Objects.requireNonNullElse(timeSignature, "");
    audioFormat = Objects.requireNonNullElse(audioFormat, "mp3");
  }
}
