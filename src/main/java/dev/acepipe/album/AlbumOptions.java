package dev.acepipe.album;

import dev.acepipe.audio.AudioFormat;
import java.util.Objects;

/**
 * How {@link AlbumWriter} writes an album: the file format, and optionally a loudness target the
 * tracks are normalized to (with a true-peak ceiling the gain never crosses).
 *
 * @param format the format of the numbered track files
 * @param normalize whether tracks are normalized; when false the levels below are ignored
 * @param targetLufs the integrated loudness the tracks (or, with {@code albumGain}, the album) are
 *     brought to, between -70 and 0 LUFS
 * @param peakCeilingDbfs the true peak (dBTP, 4× oversampled) no track is lifted above, at most 0
 * @param albumGain one gain for every track (the album's loudness reaches the target and the tracks
 *     keep their loudness relative to each other); false: each track is brought to the target on
 *     its own
 */
public record AlbumOptions(
    AudioFormat format,
    boolean normalize,
    double targetLufs,
    double peakCeilingDbfs,
    boolean albumGain) {
  /** Per-track gain. */
  public AlbumOptions(
      AudioFormat format, boolean normalize, double targetLufs, double peakCeilingDbfs) {
    this(format, normalize, targetLufs, peakCeilingDbfs, false);
  }

  public AlbumOptions {
    Objects.requireNonNull(format, "format");
    if (normalize && (!Double.isFinite(targetLufs) || targetLufs > 0 || targetLufs < -70)) {
      throw new IllegalArgumentException(
          "target loudness must be between -70 and 0 LUFS: " + targetLufs);
    }
    if (normalize && (!Double.isFinite(peakCeilingDbfs) || peakCeilingDbfs > 0)) {
      throw new IllegalArgumentException(
          "peak ceiling must be finite and at most 0 dBFS: " + peakCeilingDbfs);
    }
  }

  /** Tracks in {@code format}, levels untouched. */
  public static AlbumOptions of(AudioFormat format) {
    return new AlbumOptions(format, false, 0, Loudness.DEFAULT_PEAK_CEILING_DBFS);
  }

  /** These options with every track normalized to {@code lufs}. */
  public AlbumOptions normalizedTo(double lufs) {
    return new AlbumOptions(format, true, lufs, peakCeilingDbfs, albumGain);
  }

  /** These options with a different peak ceiling for normalization. */
  public AlbumOptions withPeakCeiling(double dbfs) {
    return new AlbumOptions(format, normalize, targetLufs, dbfs, albumGain);
  }

  /** These options with one gain for the whole album ({@code true}) or per track. */
  public AlbumOptions withAlbumGain(boolean v) {
    return new AlbumOptions(format, normalize, targetLufs, peakCeilingDbfs, v);
  }
}
