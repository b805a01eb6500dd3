package dev.acepipe.audio.analysis;

import java.util.Arrays;

/**
 * ITU-R BS.1770-4 integrated loudness and EBU Tech 3342 loudness range, fed block by block.
 *
 * <p>Every channel is K-weighted ({@link KWeighting}, coefficients derived for the audio's own
 * rate) and its squares are summed per 100 ms hop, weighted per channel (1.0; for 5-channel L R C
 * Ls Rs and 6-channel L R C LFE Ls Rs audio the surrounds weigh 1.41 and the LFE is left out). Only
 * these per-hop sums are kept — ten numbers a second — so memory grows by 80 bytes per second of
 * audio, whatever the rate or channel count.
 *
 * <p>Integrated loudness: 400 ms blocks every 100 ms; a block's loudness is {@code -0.691 + 10
 * log10(mean power)}; blocks at or below -70 LUFS are dropped (absolute gate), then blocks at or
 * below the mean of the rest minus 10 LU (relative gate); the result is the loudness of the mean
 * power of what is left.
 *
 * <p>Loudness range: 3 s short-term blocks every 100 ms, absolute gate -70 LUFS, relative gate -20
 * LU below the power mean of the absolute-gated blocks; the range is the 95th minus the 10th
 * percentile of the remaining short-term loudness values.
 *
 * <p>Not thread-safe.
 */
public final class LoudnessMeter {
  private static final double ABSOLUTE_GATE_LUFS = -70.0;
  private static final double RELATIVE_GATE_LU = -10.0;
  private static final double LRA_RELATIVE_GATE_LU = -20.0;

  /** 1 / 32768: a power of two, so multiplying by it is exact, as dividing would be. */
  private static final double SAMPLE_SCALE = 0x1p-15;

  private final int rate;
  private final int channels;
  private final KWeighting.Biquad shelf;
  private final KWeighting.Biquad highPass;
  private final double[] weights;
  // Direct form I state per channel: x1 x2 y1 y2 of the shelf, then z1 z2 of the high-pass (whose
  // inputs are the shelf's outputs).
  private final double[] state;
  private double[] hopEnergy = new double[1024];
  private int[] hopLength = new int[1024];
  private int hops;
  private long frame;
  private long hopEnd;
  private double current;

  public LoudnessMeter(int sampleRate, int channels) {
    if (sampleRate <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "rate and channels must be positive: " + sampleRate + ", " + channels);
    }
    this.rate = sampleRate;
    this.channels = channels;
    this.shelf = KWeighting.shelf(sampleRate);
    this.highPass = KWeighting.highPass(sampleRate);
    this.weights = new double[channels];
    for (int c = 0; c < channels; c++) {
      weights[c] = weight(c, channels);
    }
    this.state = new double[channels * 6];
    this.hopEnd = hopBoundary(1);
  }

  public int sampleRate() {
    return rate;
  }

  public int channels() {
    return channels;
  }

  /**
   * BS.1770 channel weights: surrounds 1.41, LFE excluded, for the 5.0 and 5.1 layouts; 1.0
   * otherwise.
   */
  public static double weight(int channel, int channels) {
    if (channels == 6) {
      return channel == 3 ? 0 : channel >= 4 ? 1.41 : 1.0;
    }
    if (channels == 5) {
      return channel >= 3 ? 1.41 : 1.0;
    }
    return 1.0;
  }

  private long hopBoundary(long h) {
    return Math.round(h * (double) rate / 10);
  }

  /** Feeds {@code count} interleaved samples (whole frames) from {@code buf[offset]}. */
  public void accept(short[] buf, int offset, int count) {
    int i = offset;
    int end = offset + count;
    while (i < end) {
      int frames = (int) Math.min((end - i) / channels, hopEnd - frame);
      double energy = 0;
      for (int c = 0; c < channels; c++) {
        if (weights[c] != 0) {
          energy += weights[c] * weightedSquares(buf, i + c, frames, c * 6);
        }
      }
      current += energy;
      i += frames * channels;
      frame += frames;
      if (frame == hopEnd) {
        closeHop();
      }
    }
  }

  /**
   * K-weights one channel's {@code frames} samples from {@code buf[first]} and sums their squares.
   * The filter state lives in locals for the run (a channel at a time, part of one hop), which
   * keeps the recursive filters in registers.
   */
  private double weightedSquares(short[] buf, int first, int frames, int o) {
    double b0 = shelf.b0();
    double b1 = shelf.b1();
    double b2 = shelf.b2();
    double a1 = shelf.a1();
    double a2 = shelf.a2();
    double ha1 = highPass.a1();
    double ha2 = highPass.a2();
    double[] s = state;
    double x1 = s[o];
    double x2 = s[o + 1];
    double y1 = s[o + 2];
    double y2 = s[o + 3];
    double z1 = s[o + 4];
    double z2 = s[o + 5];
    double sum = 0;
    for (int k = 0, i = first; k < frames; k++, i += channels) {
      double x = buf[i] * SAMPLE_SCALE;
      double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      double z = y - 2 * y1 + y2 - ha1 * z1 - ha2 * z2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    s[o] = x1;
    s[o + 1] = x2;
    s[o + 2] = y1;
    s[o + 3] = y2;
    s[o + 4] = z1;
    s[o + 5] = z2;
    return sum;
  }

  private void closeHop() {
    if (hops == hopEnergy.length) {
      hopEnergy = Arrays.copyOf(hopEnergy, hops * 2);
      hopLength = Arrays.copyOf(hopLength, hops * 2);
    }
    hopEnergy[hops] = current;
    hopLength[hops] = (int) (hopEnd - hopBoundary(hops));
    hops++;
    current = 0;
    hopEnd = hopBoundary(hops + 1);
  }

  /** Gated integrated loudness in LUFS; -infinity when no 400 ms block passes the absolute gate. */
  public double integratedLufs() {
    double[] power = blockPowers(4);
    double absoluteMean = meanAbove(power, ABSOLUTE_GATE_LUFS);
    if (Double.isNaN(absoluteMean)) {
      return Double.NEGATIVE_INFINITY;
    }
    double gate = Math.max(ABSOLUTE_GATE_LUFS, lufs(absoluteMean) + RELATIVE_GATE_LU);
    double gatedMean = meanAbove(power, gate);
    return Double.isNaN(gatedMean) ? Double.NEGATIVE_INFINITY : lufs(gatedMean);
  }

  /** EBU Tech 3342 loudness range in LU; 0 when fewer than two 3 s blocks pass the gates. */
  public double loudnessRangeLu() {
    double[] power = blockPowers(30);
    double absoluteMean = meanAbove(power, ABSOLUTE_GATE_LUFS);
    if (Double.isNaN(absoluteMean)) {
      return 0;
    }
    double gate = Math.max(ABSOLUTE_GATE_LUFS, lufs(absoluteMean) + LRA_RELATIVE_GATE_LU);
    double[] kept =
        Arrays.stream(power)
            .filter(p -> p > 0 && lufs(p) > gate)
            .map(LoudnessMeter::lufs)
            .sorted()
            .toArray();
    if (kept.length < 2) {
      return 0;
    }
    return percentile(kept, 0.95) - percentile(kept, 0.10);
  }

  /** Linear interpolation between the closest ranks of sorted {@code v}. */
  private static double percentile(double[] v, double q) {
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  }

  /**
   * Mean power of every window of {@code width} consecutive hops, one per hop (summed afresh: no
   * drift).
   */
  private double[] blockPowers(int width) {
    int blocks = Math.max(0, hops - width + 1);
    double[] power = new double[blocks];
    for (int j = 0; j < blocks; j++) {
      double sum = 0;
      long length = 0;
      for (int h = j; h < j + width; h++) {
        sum += hopEnergy[h];
        length += hopLength[h];
      }
      power[j] = sum / length;
    }
    return power;
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

  static double lufs(double power) {
    return -0.691 + 10 * Math.log10(power);
  }
}
