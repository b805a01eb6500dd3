package dev.acepipe.server.synth;

/**
 * How one part sounds: a single-cycle wavetable (or, for drums, a one-shot sample) and an envelope.
 * Instances are immutable and shared between threads; tables are computed once.
 */
final class Timbre {
  static final int TABLE_BITS = 12;
  static final int TABLE_SIZE = 1 << TABLE_BITS;

  /** The single cycle for oscillators, or the whole sound for one-shots. */
  final float[] table;

  final boolean oneShot;
  final int attackFrames;
  final double decayFrames;
  final float sustain;
  final int releaseFrames;

  private Timbre(
      float[] table, boolean oneShot, double attack, double decay, double sustain, double release) {
    this.table = table;
    this.oneShot = oneShot;
    this.attackFrames = Math.max(1, (int) (attack * ProceduralSynthesizer.RATE));
    this.decayFrames = Math.max(1, decay * ProceduralSynthesizer.RATE);
    this.sustain = (float) sustain;
    this.releaseFrames = Math.max(1, (int) (release * ProceduralSynthesizer.RATE));
  }

  /**
   * An oscillator timbre from harmonic amplitudes (index 0 = fundamental), normalised to peak 1.
   */
  static Timbre harmonic(
      double[] harmonics, double attack, double decay, double sustain, double release) {
    float[] t = new float[TABLE_SIZE];
    double peak = 0;
    double[] v = new double[TABLE_SIZE];
    for (int i = 0; i < TABLE_SIZE; i++) {
      double x = 2 * Math.PI * i / TABLE_SIZE;
      double s = 0;
      for (int h = 0; h < harmonics.length; h++) {
        s += harmonics[h] * Math.sin((h + 1) * x);
      }
      v[i] = s;
      peak = Math.max(peak, Math.abs(s));
    }
    for (int i = 0; i < TABLE_SIZE; i++) {
      t[i] = (float) (v[i] / peak);
    }
    return new Timbre(t, false, attack, decay, sustain, release);
  }

  static Timbre oneShot(float[] sample) {
    return new Timbre(sample, true, 0, 1, 1, 0);
  }

  /**
   * Envelope level {@code t} frames into a note held for {@code gate} frames; 0 once released
   * fully.
   */
  double envelope(long t, int gate) {
    if (t >= gate) {
      double r = 1 - (t - gate) / (double) releaseFrames;
      return r <= 0 ? 0 : held(gate) * r * r;
    }
    return held(t);
  }

  private double held(long t) {
    if (t < attackFrames) {
      return t / (double) attackFrames;
    }
    return sustain + (1 - sustain) * Math.exp(-(t - attackFrames) / decayFrames);
  }

  // Harmonic recipes keep upper partials weak so that energy stays on the played (in-scale)
  // pitches.
  static final Timbre PIANO =
      harmonic(new double[] {1, 0.45, 0.18, 0.1, 0.05, 0.03}, 0.004, 0.45, 0.12, 0.25);
  static final Timbre BASS =
      harmonic(new double[] {1, 0.55, 0.25, 0.12, 0.06}, 0.006, 0.35, 0.55, 0.08);
  static final Timbre PAD = harmonic(new double[] {1, 0.35, 0.12, 0.06}, 0.35, 1.5, 0.75, 0.6);
  static final Timbre STRINGS =
      harmonic(new double[] {1, 0.5, 0.3, 0.2, 0.13, 0.09, 0.06, 0.04}, 0.18, 2.0, 0.8, 0.4);
  static final Timbre GUITAR =
      harmonic(new double[] {1, 0.6, 0.3, 0.18, 0.1, 0.06}, 0.002, 0.3, 0.08, 0.12);
  static final Timbre LEAD = harmonic(new double[] {1, 0.3, 0.2, 0.08, 0.05}, 0.02, 0.6, 0.7, 0.09);

  static Timbre of(Instrument instrument) {
    return switch (instrument) {
      case PIANO -> PIANO;
      case BASS -> BASS;
      case PAD -> PAD;
      case STRINGS -> STRINGS;
      case GUITAR -> GUITAR;
      case LEAD -> LEAD;
      case DRUMS -> throw new IllegalArgumentException("drums play one-shots, see DrumKit");
    };
  }
}
