package dev.acepipe.server.synth;

import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.analysis.TempoMeter;
import java.nio.ShortBuffer;
import java.util.Optional;

/**
 * Estimates a track's tempo and beat phase from its onsets, so that cover and repaint can keep the
 * source's beat grid. Autocorrelation of an energy-flux envelope, refined on the fourth multiple of
 * the beat period; looks at the first two minutes at most.
 */
final class TempoEstimator {
  private static final int HOP = 256;
  private static final double MIN_BPM = 60;
  private static final double MAX_BPM = 180;

  /** Tempo in beats per minute and the frame of the first beat. */
  record Beat(double bpm, long phaseFrame) {}

  private TempoEstimator() {}

  /**
   * The beat of canonical (48 kHz stereo) {@code pcm}, or empty when it is too short or has no
   * pulse.
   */
  static Optional<Beat> estimate(Pcm pcm) {
    int hops = Math.min(pcm.frames(), 120 * ProceduralSynthesizer.RATE) / HOP;
    double hopsPerSecond = ProceduralSynthesizer.RATE / (double) HOP;
    int minLag = (int) Math.floor(hopsPerSecond * 60 / MAX_BPM);
    int maxLag = (int) Math.ceil(hopsPerSecond * 60 / MIN_BPM);
    if (hops < 4 * maxLag + 2) {
      return Optional.empty();
    }
    double[] flux = flux(pcm.samples(), hops);
    double[] ac = new double[4 * maxLag + 2];
    for (int lag = minLag; lag < ac.length; lag++) {
      double s = 0;
      for (int i = 0; i + lag < hops; i++) {
        s += flux[i] * flux[i + lag];
      }
      ac[lag] = s / (hops - lag);
    }
    int best = -1;
    double bestScore = 0;
    for (int lag = minLag; lag <= maxLag; lag++) {
      // prefer tempos near 120 bpm to settle octave ambiguity, as listeners do
      double octaves = Math.log(hopsPerSecond * 60 / lag / 120) / Math.log(2);
      // a true beat period repeats at every multiple; a subdivision or a stray interval does not
      double comb = ac[lag] + 0.5 * ac[2 * lag] + 0.25 * ac[4 * lag];
      double score = comb * Math.exp(-octaves * octaves);
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    double period = TempoMeter.refinedPeakLag(ac, 4 * best) / 4;
    double bpm = hopsPerSecond * 60 / period;
    return Optional.of(new Beat(bpm, phase(flux, period)));
  }

  private static double[] flux(ShortBuffer samples, int hops) {
    double[] hopEnergy = new double[hops];
    for (int h = 0; h < hops; h++) {
      double e = 0;
      int base = h * HOP * 2;
      for (int i = 0; i < HOP * 2; i += 2) {
        double m = samples.get(base + i) + samples.get(base + i + 1);
        e += m * m;
      }
      hopEnergy[h] = e;
    }
    // energy over the last 8 hops (43 ms), longer than a bass cycle, so waveform ripple does not
    // read as onsets
    double[] logEnergy = new double[hops];
    double window = 0;
    for (int h = 0; h < hops; h++) {
      window += hopEnergy[h] - (h >= 8 ? hopEnergy[h - 8] : 0);
      logEnergy[h] = Math.log1p(Math.max(0, window) / HOP);
    }
    double[] rise = new double[hops];
    for (int h = 1; h < hops; h++) {
      rise[h] = Math.max(0, logEnergy[h] - logEnergy[h - 1]);
    }
    // smoothing widens autocorrelation peaks, so a period that falls between two lags is not split
    // in half
    double[] flux = new double[hops];
    for (int h = 1; h < hops - 1; h++) {
      flux[h] = 0.25 * rise[h - 1] + 0.5 * rise[h] + 0.25 * rise[h + 1];
    }
    return flux;
  }

  private static long phase(double[] flux, double period) {
    int bestOffset = 0;
    double bestSum = -1;
    for (int offset = 0; offset < (int) Math.ceil(period); offset++) {
      double sum = 0;
      for (double p = offset; p < flux.length; p += period) {
        sum += flux[(int) Math.round(p) < flux.length ? (int) Math.round(p) : flux.length - 1];
      }
      if (sum > bestSum) {
        bestSum = sum;
        bestOffset = offset;
      }
    }
    // flux at hop h marks an onset that began during the previous hop
    return Math.max(0, (bestOffset - 1L) * HOP);
  }
}
