package dev.acepipe.server.synth;

import java.nio.file.Path;

/**
 * Builds {@link SynthRequest}s for tests: set only what a test cares about.
 *
 * <p>Defaults: no lyrics, duration 0 (the synthesizer chooses), no tempo, key or time signature, no
 * source or reference audio, repaint window from 0 to the end of the source, cover strength 1, WAV
 * output and {@link SynthRequest.Edits#NONE}.
 */
public final class SynthRequests {
  private final String taskType;
  private final String caption;
  private String lyrics = "";
  private double durationSeconds;
  private Integer bpm;
  private String keyScale = "";
  private String timeSignature = "";
  private Path sourceAudio;
  private Path referenceAudio;
  private double repaintStart;
  private Double repaintEnd;
  private double coverStrength = 1;
  private String audioFormat = "wav";
  private SynthRequest.Edits edits = SynthRequest.Edits.NONE;

  private SynthRequests(String taskType, String caption) {
    this.taskType = taskType;
    this.caption = caption;
  }

  /** A request for {@code taskType} with {@code caption} and the defaults above. */
  public static SynthRequests of(String taskType, String caption) {
    return new SynthRequests(taskType, caption);
  }

  public SynthRequests lyrics(String lyrics) {
    this.lyrics = lyrics;
    return this;
  }

  public SynthRequests durationSeconds(double durationSeconds) {
    this.durationSeconds = durationSeconds;
    return this;
  }

  public SynthRequests bpm(Integer bpm) {
    this.bpm = bpm;
    return this;
  }

  public SynthRequests keyScale(String keyScale) {
    this.keyScale = keyScale;
    return this;
  }

  public SynthRequests timeSignature(String timeSignature) {
    this.timeSignature = timeSignature;
    return this;
  }

  public SynthRequests sourceAudio(Path sourceAudio) {
    this.sourceAudio = sourceAudio;
    return this;
  }

  public SynthRequests referenceAudio(Path referenceAudio) {
    this.referenceAudio = referenceAudio;
    return this;
  }

  public SynthRequests repaintStart(double repaintStart) {
    this.repaintStart = repaintStart;
    return this;
  }

  public SynthRequests repaintEnd(Double repaintEnd) {
    this.repaintEnd = repaintEnd;
    return this;
  }

  public SynthRequests coverStrength(double coverStrength) {
    this.coverStrength = coverStrength;
    return this;
  }

  public SynthRequests audioFormat(String audioFormat) {
    this.audioFormat = audioFormat;
    return this;
  }

  public SynthRequests edits(SynthRequest.Edits edits) {
    this.edits = edits;
    return this;
  }

  /** Renders the request with seed {@code seed} into {@code file} (its format by its name). */
  public Path renderTo(Path file, long seed) throws java.io.IOException {
    new ProceduralSynthesizer().render(build(), seed, file);
    return file;
  }

  public SynthRequest build() {
    return new SynthRequest(
        taskType,
        caption,
        lyrics,
        durationSeconds,
        bpm,
        keyScale,
        timeSignature,
        sourceAudio,
        referenceAudio,
        repaintStart,
        repaintEnd,
        coverStrength,
        audioFormat,
        edits);
  }
}
