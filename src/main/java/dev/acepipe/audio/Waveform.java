package dev.acepipe.audio;

/**
 * A coarse picture of a track for reports: the minimum and maximum sample (over all channels, scaled to -1..1) in
 * each of {@link #buckets()} equal slices of time.
 */
public record Waveform(float[] min, float[] max) {
  public Waveform {
    if (min.length != max.length) {
      throw new IllegalArgumentException("min and max differ in length: " + min.length + " vs " + max.length);
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
    return o instanceof Waveform w && java.util.Arrays.equals(min, w.min) && java.util.Arrays.equals(max, w.max);
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
}
