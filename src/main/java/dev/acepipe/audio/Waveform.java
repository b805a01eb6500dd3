package dev.acepipe.audio;

/**
 * A coarse picture of a track for reports: the minimum and maximum sample (over all channels,
 * scaled to -1..1) in each of {@link #buckets()} equal slices of time.
 */
public record Waveform(float[] min, float[] max) {
  public Waveform {
    if (min.length != max.length) {
      throw new IllegalArgumentException(
          "min and max differ in length: " + min.length + " vs " + max.length);
    }
    min = min.clone();
    max = max.clone();
  }

  public int buckets() {
    return min.length;
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Waveform w
        && java.util.Arrays.equals(min, w.min)
        && java.util.Arrays.equals(max, w.max);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(min) + java.util.Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "Waveform[" + min.length + " buckets]";
  }

  /** Summarises {@code pcm} into {@code buckets} slices (fewer when the audio has fewer frames). */
  public static Waveform of(Pcm pcm, int buckets) {
    if (buckets <= 0) {
      throw new IllegalArgumentException("buckets must be positive: " + buckets);
    }
    int frames = pcm.frames();
    int n = Math.max(0, Math.min(buckets, frames));
    float[] lo = new float[n];
    float[] hi = new float[n];
    java.nio.ShortBuffer s = pcm.samples();
    int ch = pcm.channels();
    for (int b = 0; b < n; b++) {
      int from = (int) ((long) frames * b / n);
      int to = (int) ((long) frames * (b + 1) / n);
      int mn = Short.MAX_VALUE;
      int mx = Short.MIN_VALUE;
      for (int i = from * ch; i < to * ch; i++) {
        int v = s.get(i);
        mn = Math.min(mn, v);
        mx = Math.max(mx, v);
      }
      lo[b] = mn / 32768f;
      hi[b] = mx / 32768f;
    }
    return new Waveform(lo, hi);
  }

  /**
   * Summarises {@code in} into {@code buckets} slices, reading it block by block (bounded memory).
   * {@code frames} is the expected length (from a header probe); audio past it falls into the last
   * slice, and a shorter stream leaves the slices it never reached empty (zero).
   */
  public static Waveform of(PcmStream in, long frames, int buckets) throws java.io.IOException {
    if (buckets <= 0) {
      throw new IllegalArgumentException("buckets must be positive: " + buckets);
    }
    int n = (int) Math.max(0, Math.min(buckets, frames));
    int[] mn = new int[n];
    int[] mx = new int[n];
    java.util.Arrays.fill(mn, Short.MAX_VALUE);
    java.util.Arrays.fill(mx, Short.MIN_VALUE);
    int ch = in.channels();
    short[] buf = new short[8192 * ch];
    long frame = 0;
    int r;
    while (n > 0 && (r = in.read(buf, 0, buf.length)) >= 0) {
      for (int i = 0; i < r; i += ch, frame++) {
        int b = (int) Math.min(n - 1, frame * n / frames);
        for (int c = 0; c < ch; c++) {
          int v = buf[i + c];
          if (v < mn[b]) {
            mn[b] = v;
          }
          if (v > mx[b]) {
            mx[b] = v;
          }
        }
      }
    }
    float[] lo = new float[n];
    float[] hi = new float[n];
    for (int b = 0; b < n; b++) {
      lo[b] = mn[b] > mx[b] ? 0f : mn[b] / 32768f;
      hi[b] = mn[b] > mx[b] ? 0f : mx[b] / 32768f;
    }
    return new Waveform(lo, hi);
  }
}
