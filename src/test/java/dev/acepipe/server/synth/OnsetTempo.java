package dev.acepipe.server.synth;

import dev.acepipe.audio.Pcm;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side tempo estimator, independent of the synthesizer's own: picks onsets as peaks of rising
 * energy, then finds the beat period between 60 and 180 bpm whose grid the onsets line up with best
 * (phase coherence of the onset times, weighted by onset strength).
 */
final class OnsetTempo {
  private static final int HOP = 256;

  private OnsetTempo() {}

  static double bpm(Pcm pcm) {
    List<double[]> onsets = onsets(pcm); // {time seconds, strength}
    double duration = pcm.durationSeconds();
    double bestBpm = 0;
    double bestScore = -1;
    for (double bpm = 60; bpm <= 180; bpm += 0.02) {
      double period = 60 / bpm;
      double re = 0;
      double im = 0;
      for (double[] o : onsets) {
        double angle = 2 * Math.PI * o[0] / period;
        re += o[1] * Math.cos(angle);
        im += o[1] * Math.sin(angle);
      }
      // coherence alone cannot tell a beat from its subdivisions (a half-beat grid holds every beat
      // onset);
      // the share of grid points that actually carry an onset can
      double phase = Math.atan2(im, re) / (2 * Math.PI) * period;
      double score = Math.hypot(re, im) * occupancy(onsets, period, phase, duration);
      if (score > bestScore) {
        bestScore = score;
        bestBpm = bpm;
      }
    }
    return bestBpm;
  }

  private static double occupancy(
      List<double[]> onsets, double period, double phase, double duration) {
    int points = 0;
    int hit = 0;
    int j = 0;
    for (double t = ((phase % period) + period) % period; t < duration; t += period) {
      points++;
      while (j < onsets.size() && onsets.get(j)[0] < t - 0.02) {
        j++;
      }
      if (j < onsets.size() && onsets.get(j)[0] <= t + 0.02) {
        hit++;
      }
    }
    return points == 0 ? 0 : hit / (double) points;
  }

  static List<double[]> onsets(Pcm pcm) {
    int hops = pcm.frames() / HOP;
    double[] hopEnergy = new double[hops];
    for (int h = 0; h < hops; h++) {
      double e = 0;
      for (int i = h * HOP; i < (h + 1) * HOP; i++) {
        double m = pcm.sample(i, 0) + pcm.sample(i, 1);
        e += m * m;
      }
      hopEnergy[h] = e;
    }
    // energy over the last 8 hops (43 ms): longer than a bass note's cycle, so waveform ripple is
    // no onset
    double[] energy = new double[hops];
    double window = 0;
    for (int h = 0; h < hops; h++) {
      window += hopEnergy[h] - (h >= 8 ? hopEnergy[h - 8] : 0);
      energy[h] = Math.log1p(Math.max(0, window));
    }
    double[] rise = new double[hops];
    for (int h = 1; h < hops; h++) {
      rise[h] = Math.max(0, energy[h] - energy[h - 1]);
    }
    double[] sorted = rise.clone();
    java.util.Arrays.sort(sorted);
    double threshold = 0.3 * sorted[(int) (sorted.length * 0.99)];
    List<double[]> onsets = new ArrayList<>();
    int radius = 6; // a peak must be the largest rise within about 30 ms either side
    for (int h = 1; h < hops; h++) {
      boolean peak = rise[h] > threshold;
      for (int k = Math.max(1, h - radius); peak && k <= Math.min(hops - 1, h + radius); k++) {
        peak = k == h || rise[k] < rise[h] || (rise[k] == rise[h] && k > h);
      }
      if (peak) {
        onsets.add(new double[] {h * HOP / 48_000.0, rise[h]});
      }
    }
    return onsets;
  }
}
