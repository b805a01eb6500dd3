package dev.acepipe.audio.analysis;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Estimates the tempo of audio fed block by block: an onset-strength envelope (the rise of log
 * energy of the channel mix, 100 values a second) whose autocorrelation is searched for the beat
 * period between 60 and 180 bpm. A true beat period repeats at its multiples, so each candidate lag
 * is scored with the correlation at twice and four times the lag as well; a mild preference for
 * tempos near 120 bpm settles most half/double ambiguity, as listeners do. The period is then
 * refined on its fourth multiple.
 *
 * <p>Only the first {@value #MAX_SECONDS} seconds are kept (a few hundred KB), which is plenty for
 * a steady pulse. Not thread-safe.
 */
public final class TempoMeter {
  static final int MAX_SECONDS = 240;
  private static final int HOPS_PER_SECOND = 100;
  private static final double MIN_BPM = 60;
  private static final double MAX_BPM = 180;
  private static final double FULL_SCALE = 32768.0;

  private final int rate;
  private final int channels;
  private final double[] energy;
  private int hops;
  private long frame;
  private long hopEnd;
  private double current;

  public TempoMeter(int sampleRate, int channels) {
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "rate and channels must be positive: " + sampleRate + ", " + channels);
    }
    this.rate = sampleRate;
    this.channels = channels;
    this.energy = new double[MAX_SECONDS * HOPS_PER_SECOND];
    this.hopEnd = boundary(1);
  }

  private long boundary(long h) {
    return Math.round(h * (double) rate / HOPS_PER_SECOND);
  }

  /** Feeds {@code count} interleaved samples (whole frames) from {@code buf[offset]}. */
  public void accept(short[] buf, int offset, int count) {
    double scale = channels * FULL_SCALE;
    int i = offset;
    int end = offset + count;
    // Hop by hop, so the inner loop is nothing but the mix and its square.
    while (i < end && hops < energy.length) {
      int frames = (int) Math.min((end - i) / channels, hopEnd - frame);
      double sum = current;
      if (channels == 2) {
        for (int k = 0; k < frames; k++, i += 2) {
          double m = (buf[i] + buf[i + 1]) / scale;
          sum += m * m;
        }
      } else {
        for (int k = 0; k < frames; k++, i += channels) {
          int mix = 0;
          for (int c = 0; c < channels; c++) {
            mix += buf[i + c];
          }
          double m = mix / scale;
          sum += m * m;
        }
      }
      current = sum;
      frame += frames;
      if (frame == hopEnd) {
        energy[hops] = current / (hopEnd - boundary(hops));
        hops++;
        current = 0;
        hopEnd = boundary(hops + 1);
      }
    }
  }

  /** The tempo in bpm, or empty when the audio is too short (under about 10 s) or has no pulse. */
  public OptionalDouble bpm() {
    double hz = HOPS_PER_SECOND;
    int minLag = (int) Math.floor(hz * 60 / MAX_BPM);
    int maxLag = (int) Math.ceil(hz * 60 / MIN_BPM);
    int acLength = 4 * maxLag + 2;
    if (hops < acLength + 2 * HOPS_PER_SECOND) {
      return OptionalDouble.empty();
    }
    double[] flux = flux();
    double[] ac = new double[acLength];
    for (int lag = minLag; lag < acLength; lag++) {
      double s = 0;
      for (int i = 0; i + lag < flux.length; i++) {
        s += flux[i] * flux[i + lag];
      }
      ac[lag] = s / (flux.length - lag);
    }
    int best = -1;
    double bestScore = 0;
    for (int lag = minLag; lag <= maxLag; lag++) {
      double octaves = Math.log(hz * 60 / lag / 120) / Math.log(2);
      double comb = ac[lag] + 0.5 * ac[2 * lag] + 0.25 * ac[4 * lag];
      double score = comb * Math.exp(-0.5 * octaves * octaves);
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    if (best < 0) {
      return OptionalDouble.empty();
    }
    double period = refinedPeakLag(ac, 4 * best) / 4;
    return OptionalDouble.of(hz * 60 / period);
  }

  /** Half-wave rectified rise of smoothed log energy, lightly smoothed, mean removed. */
  private double[] flux() {
    double[] log = new double[hops];
    double window = 0;
    for (int h = 0; h < hops; h++) {
      // 40 ms of energy: longer than a bass cycle, so waveform ripple does not read as onsets
      window += energy[h] - (h >= 4 ? energy[h - 4] : 0);
      log[h] = Math.log(1e-9 + Math.max(0, window) / 4);
    }
    double[] rise = new double[hops];
    for (int h = 1; h < hops; h++) {
      rise[h] = Math.max(0, log[h] - log[h - 1]);
    }
    double[] flux = new double[hops];
    for (int h = 1; h < hops - 1; h++) {
      flux[h] = 0.25 * rise[h - 1] + 0.5 * rise[h] + 0.25 * rise[h + 1];
    }
    double mean = Arrays.stream(flux).average().orElse(0);
    for (int h = 0; h < hops; h++) {
      flux[h] -= mean;
    }
    return flux;
  }

  /**
   * The autocorrelation peak within 3 lags of {@code around}, with parabolic interpolation between
   * lags: a beat period finer than the hop.
   */
  public static double refinedPeakLag(double[] ac, int around) {
    int lo = Math.max(2, around - 3);
    int hi = Math.min(ac.length - 2, around + 3);
    int peak = Math.min(around, hi);
    for (int l = lo; l <= hi; l++) {
      if (ac[l] > ac[peak]) {
        peak = l;
      }
    }
    double a = ac[peak - 1];
    double b = ac[peak];
    double c = ac[peak + 1];
    double denominator = a - 2 * b + c;
    return denominator == 0 ? peak : peak + 0.5 * (a - c) / denominator;
  }
}
