package dev.acepipe.audio;

import java.util.Arrays;

/**
 * Encodes blocks of 16-bit PCM into FLAC frames: fixed predictors (order 0 to 4, chosen per channel
 * by the smallest sum of absolute residuals), the cheapest of independent, left/side, side/right
 * and mid/side stereo, and Rice-coded residuals with a partition order and parameters chosen per
 * frame from estimated sizes. Close to the reference encoder's fast presets in size and several
 * times faster than a general LPC search.
 *
 * <p>Not thread-safe (it reuses its buffers); use one instance per encoding thread. Frames are
 * independent, so frames encoded by different instances can be concatenated in frame-number order.
 */
final class FlacFrames {
  static final int MAX_BLOCK = 4096;
  private static final int MAX_PARTITION_ORDER = 6;
  private static final int MAX_RICE =
      14; // 15 is the escape code, which we never need for 17-bit input

  private final int channels;
  private final int sampleRateCode;
  private final int[][] input; // per channel
  private final int[] mid = new int[MAX_BLOCK];
  private final int[] side = new int[MAX_BLOCK];
  private final int[] residual = new int[MAX_BLOCK];
  private final long[] partitionSums = new long[1 << (MAX_PARTITION_ORDER + 1)];
  private final BitWriter out = new BitWriter();

  FlacFrames(int channels, int sampleRate) {
    if (channels < 1 || channels > 8) {
      throw new IllegalArgumentException("FLAC holds 1 to 8 channels, not " + channels);
    }
    this.channels = channels;
    this.sampleRateCode =
        switch (sampleRate) {
          case 44_100 -> 0b1001;
          case 48_000 -> 0b1010;
          case 96_000 -> 0b1011;
          default -> 0b0000; // the decoder takes the rate from STREAMINFO
        };
    this.input = new int[channels][MAX_BLOCK];
  }

  /**
   * Encodes frame {@code frameNumber} from {@code frames} interleaved frames of {@code pcm}
   * starting at sample index {@code offset}. The returned array is reused by the next call; its
   * valid length is {@link #length()}.
   */
  byte[] encode(short[] pcm, int offset, int frames, long frameNumber) {
    if (frames < 1 || frames > MAX_BLOCK) {
      throw new IllegalArgumentException(
          "a FLAC block holds 1 to " + MAX_BLOCK + " frames, not " + frames);
    }
    for (int c = 0; c < channels; c++) {
      int[] x = input[c];
      for (int i = 0, s = offset + c; i < frames; i++, s += channels) {
        x[i] = pcm[s];
      }
    }
    out.reset();
    int assignment = channels - 1;
    int[] first = input[0];
    int[] second = channels > 1 ? input[1] : null;
    int order0 = -1;
    int order1 = -1;
    int bits0 = 16;
    int bits1 = 16;
    if (channels == 2) {
      int[] l = input[0];
      int[] r = input[1];
      for (int i = 0; i < frames; i++) {
        mid[i] = (l[i] + r[i]) >> 1;
        side[i] = l[i] - r[i];
      }
      long[] bestL = bestFixed(l, frames);
      long[] bestR = bestFixed(r, frames);
      long[] bestM = bestFixed(mid, frames);
      long[] bestS = bestFixed(side, frames);
      long lr = estimate(bestL[1], frames) + estimate(bestR[1], frames);
      long ls = estimate(bestL[1], frames) + estimate(bestS[1], frames);
      long sr = estimate(bestS[1], frames) + estimate(bestR[1], frames);
      long ms = estimate(bestM[1], frames) + estimate(bestS[1], frames);
      long min = Math.min(Math.min(lr, ls), Math.min(sr, ms));
      if (min == lr) {
        order0 = (int) bestL[0];
        order1 = (int) bestR[0];
      } else if (min == ms) {
        assignment = 0b1010;
        first = mid;
        second = side;
        order0 = (int) bestM[0];
        order1 = (int) bestS[0];
        bits1 = 17;
      } else if (min == ls) {
        assignment = 0b1000;
        second = side;
        order0 = (int) bestL[0];
        order1 = (int) bestS[0];
        bits1 = 17;
      } else {
        assignment = 0b1001;
        first = side;
        order0 = (int) bestS[0];
        order1 = (int) bestR[0];
        bits0 = 17;
      }
    }
    header(frames, frameNumber, assignment);
    if (channels == 2) {
      subframe(first, frames, order0, bits0);
      subframe(second, frames, order1, bits1);
    } else {
      for (int c = 0; c < channels; c++) {
        subframe(input[c], frames, (int) bestFixed(input[c], frames)[0], 16);
      }
    }
    out.alignToByte();
    int crc = Crc.crc16(out.bytes(), 0, out.length());
    out.bits(crc, 16);
    out.alignToByte();
    return out.bytes();
  }

  /** Valid bytes in the array the last {@link #encode} returned. */
  int length() {
    return out.length();
  }

  private void header(int frames, long frameNumber, int assignment) {
    out.bits(0xFFF8, 16); // sync code, reserved bit, fixed block size
    int sizeCode = frames == MAX_BLOCK ? 0b1100 : 0b0111;
    out.bits(sizeCode << 4 | sampleRateCode, 8);
    out.bits(assignment << 4 | 0b100 << 1, 8); // 16 bits per sample
    utf8(frameNumber);
    if (sizeCode == 0b0111) {
      out.bits(frames - 1, 16);
    }
    out.alignToByte();
    out.bits(Crc.crc8(out.bytes(), 0, out.length()), 8);
  }

  /** The frame number in FLAC's extended UTF-8 coding (up to 36 bits). */
  private void utf8(long v) {
    if (v < 0x80) {
      out.bits((int) v, 8);
      return;
    }
    int extra =
        v < 0x800
            ? 1
            : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : v < 0x80000000L ? 5 : 6;
    int lead = (0xFF00 >> (extra + 1)) & 0xFF; // extra + 1 high bits set
    out.bits(lead | (int) (v >>> (6 * extra)), 8);
    for (int i = extra - 1; i >= 0; i--) {
      out.bits(0x80 | (int) ((v >>> (6 * i)) & 0x3F), 8);
    }
  }

  /**
   * The fixed predictor order (0..4) with the smallest sum of absolute residuals over {@code
   * x[4..n)}, and that sum, as {order, sum}. Short blocks use order 0 so the warm-up never exceeds
   * the block.
   */
  private static long[] bestFixed(int[] x, int n) {
    if (n <= 4) {
      long s = 0;
      for (int i = 0; i < n; i++) {
        s += Math.abs(x[i]);
      }
      return new long[] {0, s};
    }
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    long s4 = 0;
    int p1 = x[3];
    int d1 = x[3] - x[2];
    int d2 = d1 - (x[2] - x[1]);
    int d3 = d2 - ((x[2] - x[1]) - (x[1] - x[0]));
    for (int i = 4; i < n; i++) {
      int e0 = x[i];
      int e1 = e0 - p1;
      int e2 = e1 - d1;
      int e3 = e2 - d2;
      int e4 = e3 - d3;
      s0 += Math.abs(e0);
      s1 += Math.abs(e1);
      s2 += Math.abs(e2);
      s3 += Math.abs(e3);
      s4 += Math.abs(e4);
      p1 = e0;
      d1 = e1;
      d2 = e2;
      d3 = e3;
    }
    long[] sums = {s0, s1, s2, s3, s4};
    int order = 0;
    for (int o = 1; o < sums.length; o++) {
      if (sums[o] < sums[order]) {
        order = o; // strictly smaller: ties keep the lower order
      }
    }
    long best = sums[order];
    return new long[] {order, best};
  }

  /**
   * Rough Rice-coded size in bits of {@code n} residuals whose absolute values sum to {@code sum}.
   */
  private static long estimate(long sum, int n) {
    int k = riceParameter(2 * sum, n);
    return (long) n * (k + 1) + ((2 * sum) >> k);
  }

  /**
   * The Rice parameter for {@code n} zigzag-coded values summing to {@code sum}: about log2 of
   * their mean.
   */
  private static int riceParameter(long sum, int n) {
    if (n == 0 || sum < n) {
      return 0;
    }
    int k = 63 - Long.numberOfLeadingZeros(sum / n);
    return Math.min(k, MAX_RICE);
  }

  private void subframe(int[] x, int n, int order, int bps) {
    out.bits(0b0010000 | order << 1, 8); // zero pad bit, FIXED type with its order, no wasted bits
    for (int i = 0; i < order; i++) {
      out.bits(x[i], bps);
    }
    int[] e = residual;
    switch (order) {
      case 0 -> System.arraycopy(x, 0, e, 0, n);
      case 1 -> {
        for (int i = 1; i < n; i++) {
          e[i] = x[i] - x[i - 1];
        }
      }
      case 2 -> {
        for (int i = 2; i < n; i++) {
          e[i] = x[i] - 2 * x[i - 1] + x[i - 2];
        }
      }
      case 3 -> {
        for (int i = 3; i < n; i++) {
          e[i] = x[i] - 3 * x[i - 1] + 3 * x[i - 2] - x[i - 3];
        }
      }
      default -> {
        for (int i = 4; i < n; i++) {
          e[i] = x[i] - 4 * x[i - 1] + 6 * x[i - 2] - 4 * x[i - 3] + x[i - 4];
        }
      }
    }
    for (int i = order; i < n; i++) {
      e[i] =
          (e[i] << 1) ^ (e[i] >> 31); // zigzag: small magnitudes of either sign become small codes
    }
    residualSection(e, n, order);
  }

  /**
   * Rice-codes {@code e[order..n)} (already zigzagged) with the partition order estimated cheapest.
   */
  private void residualSection(int[] e, int n, int order) {
    int maxOrder = 0;
    while (maxOrder < MAX_PARTITION_ORDER
        && (n & ((2 << maxOrder) - 1)) == 0
        && (n >> (maxOrder + 1)) > order) {
      maxOrder++;
    }
    // sums of the finest partitions, then merged pairwise for each coarser order
    int parts = 1 << maxOrder;
    int size = n >> maxOrder;
    long[] sums = partitionSums;
    Arrays.fill(sums, 0, parts, 0);
    for (int p = 0; p < parts; p++) {
      int from = p == 0 ? order : p * size;
      long s = 0;
      for (int i = from, end = (p + 1) * size; i < end; i++) {
        s += e[i];
      }
      sums[p] = s;
    }
    int bestOrder = 0;
    long bestBits = Long.MAX_VALUE;
    long[] level = sums.clone();
    for (int po = maxOrder; po >= 0; po--) {
      int count = 1 << po;
      int psize = n >> po;
      long bits = 4L * count;
      for (int p = 0; p < count; p++) {
        int len = p == 0 ? psize - order : psize;
        int k = riceParameter(level[p], len);
        bits += (long) len * (k + 1) + (level[p] >> k);
      }
      if (bits < bestBits) {
        bestBits = bits;
        bestOrder = po;
      }
      for (int p = 0; p < count / 2; p++) {
        level[p] = level[2 * p] + level[2 * p + 1];
      }
    }
    out.bits(0, 2); // Rice coding with 4-bit parameters
    out.bits(bestOrder, 4);
    int count = 1 << bestOrder;
    int psize = n >> bestOrder;
    int group = 1 << (maxOrder - bestOrder);
    for (int p = 0; p < count; p++) {
      long sum = 0;
      for (int g = 0; g < group; g++) {
        sum += sums[p * group + g];
      }
      int from = p == 0 ? order : p * psize;
      int end = (p + 1) * psize;
      int k = riceParameter(sum, end - from);
      out.bits(k, 4);
      out.rice(e, from, end, k);
    }
  }

  /** MSB-first bit packing into a growable byte array. */
  static final class BitWriter {
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private long acc;
    private int accBits; // always < 32 between calls

    void reset() {
      pos = 0;
      acc = 0;
      accBits = 0;
    }

    /** Appends the low {@code n} bits of {@code v}, {@code 0 <= n <= 32}. */
    void bits(int v, int n) {
      acc = (acc << n) | (v & (0xFFFFFFFFL >>> (32 - n)));
      accBits += n;
      if (accBits >= 32) {
        accBits -= 32;
        put32((int) (acc >>> accBits));
      }
    }

    /**
     * Rice codes of {@code u[from..to)} with parameter {@code k}: the quotient in unary, then k low
     * bits.
     */
    void rice(int[] u, int from, int to, int k) {
      int mask = (1 << k) - 1;
      for (int i = from; i < to; i++) {
        int v = u[i];
        int q = v >>> k;
        while (q >= 31) {
          bits(0, 31);
          q -= 31;
        }
        if (q + 1 + k <= 32) {
          bits((1 << k) | (v & mask), q + 1 + k);
        } else {
          bits(1, q + 1);
          bits(v & mask, k);
        }
      }
    }

    void alignToByte() {
      int pad = (8 - (accBits & 7)) & 7;
      if (pad > 0) {
        bits(0, pad);
      }
      while (accBits > 0) {
        accBits -= 8;
        ensure(1);
        buf[pos++] = (byte) (acc >>> accBits);
      }
    }

    private void put32(int w) {
      ensure(4);
      buf[pos] = (byte) (w >>> 24);
      buf[pos + 1] = (byte) (w >>> 16);
      buf[pos + 2] = (byte) (w >>> 8);
      buf[pos + 3] = (byte) w;
      pos += 4;
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }

    /** The packed bytes; only whole bytes after {@link #alignToByte()} are final. */
    byte[] bytes() {
      return buf;
    }

    int length() {
      return pos;
    }
  }

  /** The two checksums of a FLAC frame. */
  static final class Crc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
      for (int i = 0; i < 256; i++) {
        int c8 = i;
        int c16 = i << 8;
        for (int b = 0; b < 8; b++) {
          c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
          c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
        }
        CRC8[i] = c8 & 0xFF;
        CRC16[i] = c16 & 0xFFFF;
      }
    }

    private Crc() {}

    static int crc8(byte[] b, int from, int to) {
      int c = 0;
      for (int i = from; i < to; i++) {
        c = CRC8[(c ^ b[i]) & 0xFF];
      }
      return c;
    }

    static int crc16(byte[] b, int from, int to) {
      int c = 0;
      for (int i = from; i < to; i++) {
        c = ((c << 8) ^ CRC16[((c >>> 8) ^ b[i]) & 0xFF]) & 0xFFFF;
      }
      return c;
    }
  }
}
