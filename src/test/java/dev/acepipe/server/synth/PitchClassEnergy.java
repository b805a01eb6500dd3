package dev.acepipe.server.synth;

import dev.acepipe.audio.Pcm;

/**
 * Test-side spectral check: Goertzel filters at every semitone from C4 to B6 over Hann-windowed
 * slices, summed into twelve pitch classes (0 = C).
 */
final class PitchClassEnergy {
  private static final int WINDOW = 8192;

  private PitchClassEnergy() {}

  static double[] of(Pcm pcm) {
    double[] classes = new double[12];
    double[] x = new double[WINDOW];
    for (int start = 0; start + WINDOW <= pcm.frames(); start += WINDOW * 2) {
      for (int i = 0; i < WINDOW; i++) {
        double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (WINDOW - 1));
        x[i] = (pcm.sample(start + i, 0) + pcm.sample(start + i, 1)) * hann;
      }
      for (int midi = 60; midi < 96; midi++) {
        double f = 440 * Math.pow(2, (midi - 69) / 12.0);
        double coefficient = 2 * Math.cos(2 * Math.PI * f / 48_000);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < WINDOW; i++) {
          double s0 = x[i] + coefficient * s1 - s2;
          s2 = s1;
          s1 = s0;
        }
        classes[midi % 12] += s1 * s1 + s2 * s2 - coefficient * s1 * s2;
      }
    }
    return classes;
  }

  /** The share of energy on the given pitch classes. */
  static double shareOn(double[] classes, int[] pitchClasses) {
    double total = 0;
    double on = 0;
    for (int pc = 0; pc < 12; pc++) {
      total += classes[pc];
    }
    for (int pc : pitchClasses) {
      on += classes[pc];
    }
    return on / total;
  }
}
