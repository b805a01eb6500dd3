package dev.acepipe.album;

import dev.acepipe.audio.Pcm;

/** Deterministic test audio: sines, silence, and music-like chords with noise bursts. */
final class TestSignals {
  static final int RATE = 48_000;

  private TestSignals() {}

  /**
   * A sine of {@code hz} at {@code dbfs} (peak) in the channels flagged by {@code on}, for {@code
   * seconds}.
   */
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
   * Music-like stereo audio: a four-chord progression of detuned harmonic voices, a bass line, and
   * noise-burst "drums" on every beat, with the level swelling between verse and chorus, scaled so
   * its peak is {@code peakDbfs}.
   */
  static Pcm music(double seconds, double peakDbfs, long seed) {
    int frames = (int) Math.round(seconds * RATE);
    double[] left = new double[frames];
    double[] right = new double[frames];
    double[][] chords = {
      {220, 277.18, 329.63}, {196, 246.94, 293.66}, {174.61, 220, 261.63}, {196, 246.94, 329.63}
    };
    int beatFrames = RATE / 2;
    int chordFrames = RATE * 2;
    // Partials run as rotating phasors (one complex multiply per sample) rather than Math.sin:
    // tests stay fast.
    int partials = 3 * 4 + 1;
    double[] re = new double[partials];
    double[] im = new double[partials];
    double[] cr = new double[partials];
    double[] ci = new double[partials];
    double[] amp = new double[partials];
    long noise = seed;
    double burst = 0;
    for (int i = 0; i < frames; i++) {
      if (i % chordFrames == 0) {
        double[] chord = chords[(i / chordFrames) % chords.length];
        int p = 0;
        for (int k = 0; k < chord.length; k++) {
          for (int h = 1; h <= 4; h++, p++) {
            phasor(re, im, cr, ci, p, chord[k] * h, k);
            amp[p] = 0.25 / (h * h);
          }
        }
        phasor(re, im, cr, ci, p, chord[0] / 2, 0);
        amp[p] = 1.2;
      }
      double section = (i / (RATE * 8)) % 2 == 0 ? 0.45 : 1.0;
      double v = 0;
      for (int p = 0; p < partials; p++) {
        v += amp[p] * im[p];
        double r = re[p] * cr[p] - im[p] * ci[p];
        im[p] = re[p] * ci[p] + im[p] * cr[p];
        re[p] = r;
      }
      if (i % beatFrames == 0) {
        burst = 1.0;
      }
      burst *= 0.9995;
      noise = noise * 6364136223846793005L + 1442695040888963407L;
      double n = ((noise >>> 40) / (double) (1L << 24) - 0.5) * 2;
      double drums = n * burst * 1.5;
      left[i] = section * v + drums * 0.8;
      right[i] = section * v * 0.9 + drums;
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

  private static void phasor(
      double[] re, double[] im, double[] cr, double[] ci, int p, double hz, double phase) {
    re[p] = Math.cos(phase);
    im[p] = Math.sin(phase);
    cr[p] = Math.cos(2 * Math.PI * hz / RATE);
    ci[p] = Math.sin(2 * Math.PI * hz / RATE);
  }
}
