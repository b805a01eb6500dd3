package dev.acepipe.album;

import java.util.Locale;

/**
 * What {@link Loudness#measure} found in a piece of audio.
 *
 * @param integratedLufs ITU-R BS.1770-4 gated integrated loudness in LUFS; {@link
 *     Double#NEGATIVE_INFINITY} when no 400 ms block passes the absolute gate (silence, or audio
 *     shorter than one block)
 * @param samplePeakDbfs the largest absolute sample relative to full scale (32768) in dBFS, not
 *     oversampled; {@link Double#NEGATIVE_INFINITY} for digital silence
 * @param truePeakDbtp the 4× oversampled peak (BS.1770-4 Annex 2) in dBTP, never below the sample
 *     peak
 * @param loudnessRangeLu EBU Tech 3342 loudness range in LU (0 when too short or quiet to have one)
 */
public record LoudnessMeasurement(
    double integratedLufs, double samplePeakDbfs, double truePeakDbtp, double loudnessRangeLu) {
  /** Integrated loudness below this (LUFS) counts as silent for take selection. */
  public static final double SILENT_BELOW_LUFS = -60.0;

  /** A sample peak below this (dBFS) counts as silent for take selection. */
  public static final double SILENT_PEAK_BELOW_DBFS = -50.0;

  public LoudnessMeasurement {
    if (Double.isNaN(integratedLufs) || integratedLufs == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "integrated loudness must be a number or -infinity: " + integratedLufs);
    }
    if (Double.isNaN(samplePeakDbfs) || samplePeakDbfs == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "sample peak must be a number or -infinity: " + samplePeakDbfs);
    }
    if (Double.isNaN(truePeakDbtp) || truePeakDbtp == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "true peak must be a number or -infinity: " + truePeakDbtp);
    }
    if (!(loudnessRangeLu >= 0) || Double.isInfinite(loudnessRangeLu)) {
      throw new IllegalArgumentException(
          "loudness range must be a finite number >= 0: " + loudnessRangeLu);
    }
  }

  /**
   * A measurement known only by loudness and sample peak (the true peak is taken to be the sample
   * peak).
   */
  public LoudnessMeasurement(double integratedLufs, double samplePeakDbfs) {
    this(integratedLufs, samplePeakDbfs, samplePeakDbfs, 0);
  }

  /**
   * True when the audio is silent or near-silent: integrated loudness below {@value
   * #SILENT_BELOW_LUFS} LUFS or sample peak below {@value #SILENT_PEAK_BELOW_DBFS} dBFS. Such takes
   * are never chosen automatically.
   */
  public boolean isSilent() {
    return integratedLufs < SILENT_BELOW_LUFS || samplePeakDbfs < SILENT_PEAK_BELOW_DBFS;
  }

  /** For messages: {@code "-14.2 LUFS, peak -1.0 dBFS"}. */
  public String describe() {
    return format(integratedLufs) + " LUFS, peak " + format(samplePeakDbfs) + " dBFS";
  }

  /** Everything: {@code "-14.2 LUFS, peak -1.0 dBFS, true peak -0.8 dBTP, LRA 5.1 LU"}. */
  public String describeFully() {
    return describe()
        + ", true peak "
        + format(truePeakDbtp)
        + " dBTP, LRA "
        + format(loudnessRangeLu)
        + " LU";
  }

  /** One decimal, ASCII minus, {@code "-inf"} for silence. */
  static String format(double db) {
    return Double.isInfinite(db) ? "-inf" : String.format(Locale.ROOT, "%.1f", db);
  }
}
