package dev.acepipe.dsl.model;

/**
 * How an album is normalized when {@code album.loudness} is set.
 *
 * @param albumGain {@code loudness_mode: album}: one gain for every track, so that the album as a
 *     whole reaches the target and the tracks keep their loudness relative to each other; false
 *     ({@code track}, the default): each track is brought to the target on its own
 * @param truePeakCeiling {@code true_peak}: no track's true peak (dBTP) is lifted above this;
 *     default -1
 */
public record AlbumMastering(boolean albumGain, double truePeakCeiling) {
  public static final double DEFAULT_TRUE_PEAK = -1.0;
  public static final AlbumMastering DEFAULT = new AlbumMastering(false, DEFAULT_TRUE_PEAK);

  public AlbumMastering {
    if (!(truePeakCeiling <= 0 && truePeakCeiling >= -20)) {
      throw new IllegalArgumentException(
          "true-peak ceiling must be between -20 and 0 dBTP: " + truePeakCeiling);
    }
  }

  /** {@code "album"} or {@code "track"}. */
  public String modeName() {
    return albumGain ? "album" : "track";
  }
}
