package dev.acepipe.album;

import dev.acepipe.audio.AudioFormat;
import java.util.Objects;

/**
 * How {@link AlbumWriter} writes an album: the file format, and optionally a loudness target every track is
 * normalized to (with a peak ceiling the gain never crosses).
 *
 * @param format the format of the numbered track files
 * @param normalize whether tracks are normalized; when false the two levels below are ignored
 * @param targetLufs the integrated loudness every track is brought to, between -70 and 0 LUFS
 * @param peakCeilingDbfs the sample peak no track is lifted above, at most 0 dBFS
 */
public record AlbumOptions(AudioFormat format, boolean normalize, double targetLufs, double peakCeilingDbfs) {
  public AlbumOptions {
    Objects.requireNonNull(format, "format");
    if (normalize && (!Double.isFinite(targetLufs) || targetLufs > 0 || targetLufs < -70)) {
      throw new IllegalArgumentException("target loudness must be between -70 and 0 LUFS: " + targetLufs);
    }
    if (normalize && (!Double.isFinite(peakCeilingDbfs) || peakCeilingDbfs > 0)) {
      throw new IllegalArgumentException("peak ceiling must be finite and at most 0 dBFS: " + peakCeilingDbfs);
    }
  }

  /** Tracks in {@code format}, levels untouched. */
  public static AlbumOptions of(AudioFormat format) {
    return new AlbumOptions(format, false, 0, Loudness.DEFAULT_PEAK_CEILING_DBFS);
  }

  /** These options with every track normalized to {@code lufs}. */
  public AlbumOptions normalizedTo(double lufs) {
    return new AlbumOptions(format, true, lufs, peakCeilingDbfs);
  }

  /** These options with a different peak ceiling for normalization. */
  public AlbumOptions withPeakCeiling(double dbfs) {
    return new AlbumOptions(format, normalize, targetLufs, dbfs);
  }
}
