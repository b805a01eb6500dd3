package dev.acepipe.album;

import java.util.Objects;

/**
 * How one album track was normalized.
 *
 * @param before the source's measurement
 * @param after the written track's measurement: of the written file for MP3, of the encoded PCM for
 *     lossless formats
 * @param gainDb the gain applied
 * @param peakLimited true when the peak ceiling kept the track below the target
 */
public record TrackLoudness(
    LoudnessMeasurement before, LoudnessMeasurement after, double gainDb, boolean peakLimited) {
  public TrackLoudness {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  static TrackLoudness of(Normalization n) {
    return new TrackLoudness(n.before(), n.after(), n.gainDb(), n.peakLimited());
  }
}
