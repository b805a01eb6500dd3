package dev.acepipe.album;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * ITU-R BS.1770-4 integrated loudness, sample peak and loudness normalization of 16-bit PCM.
 *
 * <p>Method: every channel is K-weighted ({@link KWeighting}, coefficients derived for the audio's own rate); mean
 * squares are taken over 400 ms blocks that start every 100 ms (75 % overlap); a block's loudness is
 * {@code -0.691 + 10 log10(sum of channel-weighted mean squares)}; blocks at or below -70 LUFS are dropped
 * (absolute gate), then blocks at or below the loudness of the remaining ones minus 10 LU (relative gate); the
 * integrated loudness is that of the blocks left. Channel weights are 1.0, except for 5-channel (L R C Ls Rs) and
 * 6-channel (L R C LFE Ls Rs) audio, whose surrounds weigh 1.41 and whose LFE is left out, as the standard says.
 *
 * <p>The peak is the plain sample peak (no oversampling), relative to 32768. All methods are pure and thread-safe;
 * a measurement reads the samples once in one pass.
 */
public final class Loudness {
  /** The peak ceiling {@link #normalize(Pcm, double)} uses: -1 dBFS. */
  public static final double DEFAULT_PEAK_CEILING_DBFS = -1.0;

  private static final double ABSOLUTE_GATE_LUFS = -70.0;
  private static final double RELATIVE_GATE_LU = -10.0;
  private static final double FULL_SCALE = 32768.0;

  private Loudness() {}

  /** Measures integrated loudness and sample peak of {@code pcm}. */
  public static LoudnessMeasurement measure(Pcm pcm) {
    int rate = pcm.sampleRate();
    int channels = pcm.channels();
    int frames = pcm.frames();
    // 100 ms hops; a 400 ms block is four consecutive hops, so per-hop sums of squares are all we keep.
    int hops = (int) ((long) frames * 10 / rate);
    double[][] hopEnergy = new double[channels][hops];
    int[] hopStart = new int[hops + 1];
    for (int h = 0; h <= hops; h++) {
      hopStart[h] = (int) Math.round(h * (double) rate / 10);
    }

    KWeighting.Biquad shelf = KWeighting.shelf(rate);
    KWeighting.Biquad highPass = KWeighting.highPass(rate);
    // Direct form I state per channel: x1 x2 y1 y2 of the shelf, then y1 y2 of the high-pass (its input is the
    // shelf's output, whose last two values are the shelf's y1 y2).
    double[] s = new double[channels * 6];
    int peak = 0;
    short[] chunk = new short[4096 * channels];
    ShortBuffer samples = pcm.samples();
    int frame = 0;
    int hop = 0;
    while (samples.hasRemaining()) {
      int n = Math.min(chunk.length, samples.remaining());
      samples.get(chunk, 0, n);
      for (int i = 0; i < n; i += channels, frame++) {
        while (hop < hops && frame >= hopStart[hop + 1]) {
          hop++;
        }
        for (int c = 0; c < channels; c++) {
          int raw = chunk[i + c];
          peak = Math.max(peak, Math.abs(raw));
          double x = raw / FULL_SCALE;
          int o = c * 6;
          double y =
              shelf.b0() * x + shelf.b1() * s[o] + shelf.b2() * s[o + 1] - shelf.a1() * s[o + 2]
                  - shelf.a2() * s[o + 3];
          double z =
              y - 2 * s[o + 2] + s[o + 3] - highPass.a1() * s[o + 4] - highPass.a2() * s[o + 5];
          s[o + 1] = s[o];
          s[o] = x;
          s[o + 3] = s[o + 2];
          s[o + 2] = y;
          s[o + 5] = s[o + 4];
          s[o + 4] = z;
          if (hop < hops) {
            hopEnergy[c][hop] += z * z;
          }
        }
      }
    }
    double peakDbfs = peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak / FULL_SCALE);
    return new LoudnessMeasurement(gate(hopEnergy, hopStart, channels), peakDbfs);
  }

  private static double gate(double[][] hopEnergy, int[] hopStart, int channels) {
    int blocks = Math.max(0, hopStart.length - 1 - 3);
    double[] power = new double[blocks];
    for (int j = 0; j < blocks; j++) {
      double length = hopStart[j + 4] - hopStart[j];
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        double weight = weight(c, channels);
        if (weight > 0) {
          sum += weight
              * (hopEnergy[c][j] + hopEnergy[c][j + 1] + hopEnergy[c][j + 2] + hopEnergy[c][j + 3])
              / length;
        }
      }
      power[j] = sum;
    }
    double absoluteMean = meanAbove(power, ABSOLUTE_GATE_LUFS);
    if (Double.isNaN(absoluteMean)) {
      return Double.NEGATIVE_INFINITY;
    }
    double relativeGate = lufs(absoluteMean) + RELATIVE_GATE_LU;
    double gatedMean = meanAbove(power, Math.max(ABSOLUTE_GATE_LUFS, relativeGate));
    return Double.isNaN(gatedMean) ? Double.NEGATIVE_INFINITY : lufs(gatedMean);
  }

  /** The mean power of blocks louder than {@code gateLufs}, or NaN when there are none. */
  private static double meanAbove(double[] power, double gateLufs) {
    double sum = 0;
    int count = 0;
    for (double p : power) {
      if (p > 0 && lufs(p) > gateLufs) {
        sum += p;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static double lufs(double power) {
    return -0.691 + 10 * Math.log10(power);
  }

  /** BS.1770 channel weights: surrounds 1.41, LFE excluded, for the 5.0 and 5.1 layouts; 1.0 otherwise. */
  static double weight(int channel, int channels) {
    if (channels == 6) {
      return channel == 3 ? 0 : channel >= 4 ? 1.41 : 1.0;
    }
    if (channels == 5) {
      return channel >= 3 ? 1.41 : 1.0;
    }
    return 1.0;
  }

  /** Decodes {@code file} and measures it. */
  public static LoudnessMeasurement measure(Path file) throws IOException {
    return measure(AudioFiles.read(file));
  }

  /** {@link #normalize(Pcm, double, double)} with a ceiling of {@value #DEFAULT_PEAK_CEILING_DBFS} dBFS. */
  public static Normalization normalize(Pcm pcm, double targetLufs) {
    return normalize(pcm, targetLufs, DEFAULT_PEAK_CEILING_DBFS);
  }

  /**
   * Applies one gain to all of {@code pcm} so that its integrated loudness becomes {@code targetLufs}, unless that
   * would lift the sample peak above {@code peakCeilingDbfs}: then the gain stops at the ceiling and the result says
   * {@link Normalization#peakLimited()}. Nothing is ever clipped or compressed. Silent input (no block passes the
   * gate) is returned unchanged with a gain of 0.
   *
   * @param targetLufs a finite loudness at or below 0 LUFS, e.g. -14
   * @param peakCeilingDbfs a finite ceiling at or below 0 dBFS, e.g. -1
   * @throws IllegalArgumentException if the target or the ceiling is out of range
   */
  public static Normalization normalize(Pcm pcm, double targetLufs, double peakCeilingDbfs) {
    if (!Double.isFinite(targetLufs) || targetLufs > 0 || targetLufs < -70) {
      throw new IllegalArgumentException("target loudness must be between -70 and 0 LUFS: " + targetLufs);
    }
    if (!Double.isFinite(peakCeilingDbfs) || peakCeilingDbfs > 0) {
      throw new IllegalArgumentException("peak ceiling must be finite and at most 0 dBFS: " + peakCeilingDbfs);
    }
    LoudnessMeasurement before = measure(pcm);
    if (Double.isInfinite(before.integratedLufs())) {
      return new Normalization(pcm, before, before, targetLufs, 0, false);
    }
    double gainDb = targetLufs - before.integratedLufs();
    boolean limited = false;
    if (before.samplePeakDbfs() + gainDb > peakCeilingDbfs) {
      gainDb = peakCeilingDbfs - before.samplePeakDbfs();
      limited = true;
    }
    Pcm gained = gain(pcm, gainDb);
    return new Normalization(gained, before, measure(gained), targetLufs, gainDb, limited);
  }

  /** {@code pcm} scaled by {@code gainDb}, rounded to the nearest sample value and saturated at full scale. */
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
