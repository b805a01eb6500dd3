package dev.acepipe.album;

import dev.acepipe.audio.Pcm;

/** Deterministic test audio: sines, silence, and music-like chords with noise bursts. */
final class TestSignals {
  static final int RATE = 48_000;

  private TestSignals() {}

  /** A sine of {@code hz} at {@code dbfs} (peak) in the channels flagged by {@code on}, for {@code seconds}. */
  static Pcm sine(int rate, double hz, double dbfs, double seconds, boolean... on) {
    int frames = (int) Math.round(seconds * rate);
    int channels = on.length;
    double amplitude = 32767 * Math.pow(10, dbfs / 20);
    short[] s = new short[frames * channels];
    for (int i = 0; i < frames; i++) {
      short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
      for (int c = 0; c < channels; c++) {
        s[i * channels + c] = on[c] ? v : 0;
      }
    }
    return Pcm.adopt(rate, channels, s);
  }

  /** {@code a} followed by {@code b}; both must share rate and channels. */
  static Pcm concat(Pcm a, Pcm b) {
    short[] s = new short[(a.frames() + b.frames()) * a.channels()];
    a.samples().get(s, 0, a.frames() * a.channels());
    b.samples().get(s, a.frames() * a.channels(), b.frames() * b.channels());
    return Pcm.adopt(a.sampleRate(), a.channels(), s);
  }

  /**
   * Music-like stereo audio: a four-chord progression of detuned harmonic voices, a bass line, and noise-burst
   * "drums" on every beat, with the level swelling between verse and chorus, scaled so its peak is {@code peakDbfs}.
   */
  static Pcm music(double seconds, double peakDbfs, long seed) {
    int frames = (int) Math.round(seconds * RATE);
    double[] left = new double[frames];
    double[] right = new double[frames];
    double[][] chords = {{220, 277.18, 329.63}, {196, 246.94, 293.66}, {174.61, 220, 261.63}, {196, 246.94, 329.63}};
    double beat = 0.5;
    long noise = seed;
    double burst = 0;
    for (int i = 0; i < frames; i++) {
      double t = i / (double) RATE;
      double[] chord = chords[(int) (t / 2) % chords.length];
      double section = ((int) (t / 8)) % 2 == 0 ? 0.45 : 1.0;
      double v = 0;
      for (int k = 0; k < chord.length; k++) {
        for (int h = 1; h <= 4; h++) {
          v += Math.sin(2 * Math.PI * chord[k] * h * t + k) / (h * h);
        }
      }
      double bass = Math.sin(2 * Math.PI * chord[0] / 2 * t) * 1.2;
      double inBeat = t % beat;
      if (inBeat < 1.0 / RATE) {
        burst = 1.0;
      }
      burst *= 0.9995;
      noise = noise * 6364136223846793005L + 1442695040888963407L;
      double n = ((noise >>> 40) / (double) (1L << 24) - 0.5) * 2;
      double drums = n * burst * 1.5;
      left[i] = section * (0.25 * v + bass) + drums * 0.8;
      right[i] = section * (0.22 * v + bass * 0.9) + drums;
    }
    double max = 0;
    for (int i = 0; i < frames; i++) {
      max = Math.max(max, Math.max(Math.abs(left[i]), Math.abs(right[i])));
    }
    double scale = 32767 * Math.pow(10, peakDbfs / 20) / max;
    short[] s = new short[frames * 2];
    for (int i = 0; i < frames; i++) {
      s[2 * i] = (short) Math.round(left[i] * scale);
      s[2 * i + 1] = (short) Math.round(right[i] * scale);
    }
    return Pcm.adopt(RATE, 2, s);
  }
}
