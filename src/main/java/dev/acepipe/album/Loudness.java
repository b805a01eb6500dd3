package dev.acepipe.album;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.PcmStream;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.LoudnessMeter;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Loudness measurement and normalization of 16-bit PCM for albums and take selection.
 *
 * <p>The measuring is {@link AudioAnalyzer}'s (ITU-R BS.1770-4 integrated loudness with gating, EBU
 * Tech 3342 loudness range, sample peak and 4× oversampled true peak), in one streaming pass; files
 * are never decoded whole just to be measured. All methods are pure and thread-safe.
 */
public final class Loudness {
  /** The true-peak ceiling {@link #normalize(Pcm, double)} uses: -1 dBTP. */
  public static final double DEFAULT_PEAK_CEILING_DBFS = -1.0;

  private static final AudioAnalyzer ANALYZER =
      new AudioAnalyzer(
          EnumSet.of(AudioAnalyzer.Extra.TRUE_PEAK), AudioAnalyzer.DEFAULT_SILENCE_DBFS);

  private Loudness() {}

  /** Measures integrated loudness, loudness range, sample peak and true peak of {@code pcm}. */
  public static LoudnessMeasurement measure(Pcm pcm) {
    return of(ANALYZER.analyze(pcm));
  }

  /**
   * Decodes {@code file} block by block and measures it; memory stays bounded whatever its length.
   */
  public static LoudnessMeasurement measure(Path file) throws IOException {
    return of(ANALYZER.analyze(file));
  }

  static LoudnessMeasurement of(AudioAnalysis a) {
    return new LoudnessMeasurement(
        a.integratedLufs(), a.samplePeakDbfs(), a.truePeakDbtp(), a.loudnessRangeLu());
  }

  /**
   * The integrated loudness of {@code files} played one after another, as one programme: the gain
   * that brings this to a target keeps the tracks' loudness relative to each other. Files that
   * differ in rate or channel count are measured one by one and combined by power, weighted by
   * duration.
   */
  public static double albumLufs(List<Path> files) throws IOException {
    LoudnessMeter joined = null;
    boolean uniform = true;
    double weightedPower = 0;
    double seconds = 0;
    short[] buf = new short[AudioAnalyzer.BLOCK_FRAMES * 8];
    for (Path file : files) {
      try (PcmStream in = AudioFiles.openPcm(file)) {
        if (joined == null) {
          joined = new LoudnessMeter(in.sampleRate(), in.channels());
        }
        LoudnessMeter own = new LoudnessMeter(in.sampleRate(), in.channels());
        boolean sameLayout =
            uniform && joined.sampleRate() == in.sampleRate() && joined.channels() == in.channels();
        uniform = sameLayout;
        long samples = 0;
        int n;
        while ((n = in.read(buf, 0, buf.length - buf.length % in.channels())) >= 0) {
          own.accept(buf, 0, n);
          if (sameLayout) {
            joined.accept(buf, 0, n);
          }
          samples += n;
        }
        double trackSeconds = samples / (double) in.channels() / in.sampleRate();
        double lufs = own.integratedLufs();
        if (Double.isFinite(lufs)) {
          weightedPower += Math.pow(10, (lufs + 0.691) / 10) * trackSeconds;
          seconds += trackSeconds;
        }
      }
    }
    if (joined != null && uniform) {
      return joined.integratedLufs();
    }
    return seconds == 0
        ? Double.NEGATIVE_INFINITY
        : -0.691 + 10 * Math.log10(weightedPower / seconds);
  }

  /**
   * {@link #normalize(Pcm, double, double)} with a ceiling of {@value #DEFAULT_PEAK_CEILING_DBFS}
   * dBTP.
   */
  public static Normalization normalize(Pcm pcm, double targetLufs) {
    return normalize(pcm, targetLufs, DEFAULT_PEAK_CEILING_DBFS);
  }

  /**
   * Applies one gain to all of {@code pcm} so that its integrated loudness becomes {@code
   * targetLufs}, unless that would lift the true peak above {@code peakCeilingDbtp}: then the gain
   * stops at the ceiling and the result says {@link Normalization#peakLimited()}. Nothing is ever
   * clipped or compressed. Silent input (no block passes the gate) is returned unchanged with a
   * gain of 0.
   *
   * @param targetLufs a finite loudness at or below 0 LUFS, e.g. -14
   * @param peakCeilingDbtp a finite true-peak ceiling at or below 0 dBTP, e.g. -1
   * @throws IllegalArgumentException if the target or the ceiling is out of range
   */
  public static Normalization normalize(Pcm pcm, double targetLufs, double peakCeilingDbtp) {
    checkTarget(targetLufs);
    LoudnessMeasurement before = measure(pcm);
    if (Double.isInfinite(before.integratedLufs())) {
      return new Normalization(pcm, before, before, targetLufs, 0, false);
    }
    return applyGain(
        pcm, before, targetLufs - before.integratedLufs(), targetLufs, peakCeilingDbtp);
  }

  /**
   * Applies {@code wantedGainDb} to {@code pcm} (measured as {@code before}), clamped so that the
   * true peak stays at or below {@code peakCeilingDbtp}. Album-gain mode calls this with the same
   * wanted gain for every track.
   */
  public static Normalization applyGain(
      Pcm pcm,
      LoudnessMeasurement before,
      double wantedGainDb,
      double targetLufs,
      double peakCeilingDbtp) {
    checkCeiling(peakCeilingDbtp);
    double gainDb = wantedGainDb;
    boolean limited = false;
    double peak = before.truePeakDbtp();
    if (Double.isFinite(peak) && peak + gainDb > peakCeilingDbtp) {
      gainDb = peakCeilingDbtp - peak;
      limited = true;
    }
    Pcm gained = gain(pcm, gainDb);
    LoudnessMeasurement after = measure(gained);
    // Rounding to 16 bits can lift an inter-sample peak by a hair; take it back rather than cross
    // the ceiling.
    for (int i = 0;
        i < 3 && Double.isFinite(after.truePeakDbtp()) && after.truePeakDbtp() > peakCeilingDbtp;
        i++) {
      gainDb -= after.truePeakDbtp() - peakCeilingDbtp + 0.01;
      limited = true;
      gained = gain(pcm, gainDb);
      after = measure(gained);
    }
    return new Normalization(gained, before, after, targetLufs, gainDb, limited);
  }

  static void checkTarget(double targetLufs) {
    if (!Double.isFinite(targetLufs) || targetLufs > 0 || targetLufs < -70) {
      throw new IllegalArgumentException(
          "target loudness must be between -70 and 0 LUFS: " + targetLufs);
    }
  }

  static void checkCeiling(double peakCeilingDbtp) {
    if (!Double.isFinite(peakCeilingDbtp) || peakCeilingDbtp > 0) {
      throw new IllegalArgumentException(
          "peak ceiling must be finite and at most 0 dBTP: " + peakCeilingDbtp);
    }
  }

  /**
   * {@code pcm} scaled by {@code gainDb}, rounded to the nearest sample value and saturated at full
   * scale.
   */
  static Pcm gain(Pcm pcm, double gainDb) {
    if (gainDb == 0) {
      return pcm;
    }
    double factor = Math.pow(10, gainDb / 20);
    ShortBuffer in = pcm.samples();
    short[] out = new short[in.remaining()];
    for (int i = 0; i < out.length; i++) {
      long v = Math.round(in.get(i) * factor);
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
    return Pcm.adopt(pcm.sampleRate(), pcm.channels(), out);
  }
}
