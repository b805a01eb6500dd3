package dev.acepipe.audio.analysis;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What one pass of {@link AudioAnalyzer} measured.
 *
 * @param durationSeconds decoded length
 * @param integratedLufs BS.1770-4 gated loudness; -infinity when no block passes the absolute gate
 * @param loudnessRangeLu EBU Tech 3342 loudness range; 0 for audio too short or too quiet to have
 *     one
 * @param samplePeakDbfs the largest absolute sample relative to 32768; -infinity for digital
 *     silence
 * @param truePeakDbtp 4× oversampled peak; NaN when not measured
 * @param clippedRuns runs of at least {@value AudioAnalyzer#CLIP_RUN} consecutive full-scale
 *     samples in a channel
 * @param clippedSamples samples inside those runs
 * @param longestSilenceSeconds the longest stretch in which every channel stays below the silence
 *     threshold
 * @param silenceThresholdDbfs that threshold
 * @param tempoBpm estimated tempo; NaN when not measured or when the audio has no steady pulse
 */
public record AudioAnalysis(
    double durationSeconds,
    double integratedLufs,
    double loudnessRangeLu,
    double samplePeakDbfs,
    double truePeakDbtp,
    long clippedRuns,
    long clippedSamples,
    double longestSilenceSeconds,
    double silenceThresholdDbfs,
    double tempoBpm) {

  public AudioAnalysis {
    if (!(durationSeconds >= 0)
        || clippedRuns < 0
        || clippedSamples < 0
        || !(longestSilenceSeconds >= 0)) {
      throw new IllegalArgumentException("negative duration, clipping or silence");
    }
  }

  /** True when the audio has at least one run of clipped samples. */
  public boolean clipped() {
    return clippedRuns > 0;
  }

  public OptionalDouble tempo() {
    return Double.isNaN(tempoBpm) ? OptionalDouble.empty() : OptionalDouble.of(tempoBpm);
  }

  public OptionalDouble truePeak() {
    return Double.isNaN(truePeakDbtp) ? OptionalDouble.empty() : OptionalDouble.of(truePeakDbtp);
  }

  /** One decimal, ASCII minus, {@code "-inf"} for silence, {@code "n/a"} for not measured. */
  public static String format(double db) {
    if (Double.isNaN(db)) {
      return "n/a";
    }
    return Double.isInfinite(db)
        ? (db < 0 ? "-inf" : "inf")
        : String.format(Locale.ROOT, "%.1f", db);
  }
}
