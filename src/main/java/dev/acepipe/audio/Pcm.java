package dev.acepipe.audio;

import java.nio.ShortBuffer;
import java.util.Arrays;

/**
 * Immutable 16-bit PCM audio, interleaved by frame ({@code L R L R ...} for stereo). The canonical
 * form in acepipe is 48 kHz stereo ({@link #toCanonical()}). Ten minutes of canonical audio take
 * about 110 MB: one {@code short} array, never boxed or duplicated unless asked for.
 */
public final class Pcm {
  /** The sample rate every acepipe output uses. */
  public static final int CANONICAL_RATE = 48_000;

  /** The channel count every acepipe output uses. */
  public static final int CANONICAL_CHANNELS = 2;

  private final int sampleRate;
  private final int channels;
  private final short[] samples;

  private Pcm(int sampleRate, int channels, short[] samples) {
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "sample rate and channels must be positive: " + sampleRate + ", " + channels);
    }
    if (samples.length % channels != 0) {
      throw new IllegalArgumentException(
          samples.length + " samples do not divide into frames of " + channels + " channels");
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.samples = samples;
  }

  /** A copy of {@code interleaved} as PCM. */
  public static Pcm of(int sampleRate, int channels, short[] interleaved) {
    return new Pcm(sampleRate, channels, interleaved.clone());
  }

  /**
   * Takes {@code interleaved} without copying; the caller must not touch the array afterwards. For
   * decoders and renderers that built the array themselves.
   */
  public static Pcm adopt(int sampleRate, int channels, short[] interleaved) {
    return new Pcm(sampleRate, channels, interleaved);
  }

  /** {@code frames} frames of silence. */
  public static Pcm silence(int sampleRate, int channels, int frames) {
    return new Pcm(sampleRate, channels, new short[Math.multiplyExact(frames, channels)]);
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  /** Frames per channel. */
  public int frames() {
    return samples.length / channels;
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }

  /** One sample. */
  public short sample(int frame, int channel) {
    return samples[frame * channels + channel];
  }

  /** A read-only view of the interleaved samples (no copy). */
  public ShortBuffer samples() {
    return ShortBuffer.wrap(samples).asReadOnlyBuffer();
  }

  /** Frames {@code [from, to)} as new PCM. */
  public Pcm slice(int from, int to) {
    if (from < 0 || to > frames() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") of " + frames() + " frames");
    }
    return new Pcm(
        sampleRate, channels, Arrays.copyOfRange(samples, from * channels, to * channels));
  }

  /**
   * This audio as 48 kHz stereo: mono is duplicated, extra channels beyond two are dropped, and
   * other rates are resampled by linear interpolation (adequate for analysis and as a repaint/cover
   * source). Returns {@code this} when already canonical.
   */
  public Pcm toCanonical() {
    if (sampleRate == CANONICAL_RATE && channels == CANONICAL_CHANNELS) {
      return this;
    }
    int inFrames = frames();
    long outFramesL =
        sampleRate == CANONICAL_RATE ? inFrames : (long) inFrames * CANONICAL_RATE / sampleRate;
    int outFrames = Math.toIntExact(outFramesL);
    short[] out = new short[outFrames * 2];
    double step = sampleRate / (double) CANONICAL_RATE;
    for (int i = 0; i < outFrames; i++) {
      double pos = i * step;
      int a = (int) pos;
      int b = Math.min(a + 1, inFrames - 1);
      double frac = pos - a;
      for (int c = 0; c < 2; c++) {
        int src = Math.min(c, channels - 1);
        double v = samples[a * channels + src] * (1 - frac) + samples[b * channels + src] * frac;
        out[i * 2 + c] = (short) Math.round(v);
      }
    }
    return new Pcm(CANONICAL_RATE, CANONICAL_CHANNELS, out);
  }

  /** True if both hold the same rate, channels and samples. */
  public boolean sameAudio(Pcm other) {
    return sampleRate == other.sampleRate
        && channels == other.channels
        && Arrays.equals(samples, other.samples);
  }

  @Override
  public String toString() {
    return "Pcm[" + sampleRate + " Hz, " + channels + " ch, " + frames() + " frames]";
  }
}
