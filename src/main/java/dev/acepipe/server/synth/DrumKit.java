package dev.acepipe.server.synth;

import java.util.SplittableRandom;

/**
 * Kick, snare and hi-hat one-shots, synthesised from a seed so each take's kit differs slightly.
 */
final class DrumKit {
  final Timbre kick;
  final Timbre snare;
  final Timbre hat;

  DrumKit(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int rate = ProceduralSynthesizer.RATE;
    double kickTop = 140 + rng.nextInt(40);
    float[] k = new float[(int) (0.35 * rate)];
    double phase = 0;
    for (int i = 0; i < k.length; i++) {
      double t = i / (double) rate;
      double f = 45 + (kickTop - 45) * Math.exp(-t * 28);
      phase += 2 * Math.PI * f / rate;
      double click = i < 48 ? (1 - i / 48.0) * 0.4 : 0;
      k[i] = (float) ((Math.sin(phase) * Math.exp(-t * 9) + click) * fadeOut(i, k.length));
    }
    float[] s = new float[(int) (0.22 * rate)];
    double tone = 180 + rng.nextInt(40);
    double lp = 0;
    for (int i = 0; i < s.length; i++) {
      double t = i / (double) rate;
      double noise = rng.nextDouble() * 2 - 1;
      lp += 0.5 * (noise - lp);
      double body = Math.sin(2 * Math.PI * tone * t) * Math.exp(-t * 30) * 0.6;
      s[i] = (float) ((body + lp * Math.exp(-t * 18) * 0.8) * fadeOut(i, s.length));
    }
    float[] h = new float[(int) (0.06 * rate)];
    double prev = 0;
    for (int i = 0; i < h.length; i++) {
      double t = i / (double) rate;
      double noise = rng.nextDouble() * 2 - 1;
      double high = noise - prev; // first difference: a cheap high-pass for a thin, bright hat
      prev = noise;
      h[i] = (float) (high * 0.5 * Math.exp(-t * 70) * fadeOut(i, h.length));
    }
    this.kick = Timbre.oneShot(k);
    this.snare = Timbre.oneShot(s);
    this.hat = Timbre.oneShot(h);
  }

  private static double fadeOut(int i, int n) {
    int tail = 256;
    return i < n - tail ? 1 : (n - i) / (double) tail;
  }
}
