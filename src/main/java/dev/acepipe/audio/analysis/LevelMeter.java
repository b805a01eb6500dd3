package dev.acepipe.audio.analysis;

import java.util.Arrays;

/**
 * Sample peak, clipping and the longest silence of audio fed block by block. Clipping counts runs
 * of at least {@link AudioAnalyzer#CLIP_RUN} consecutive full-scale samples of one channel; silence
 * is judged on 10 ms windows, a window silent when every sample of every channel in it is below the
 * threshold.
 *
 * <p>Each window is scanned as one run of samples for its largest magnitude; only a window that
 * reaches full scale is walked sample by sample for clipped runs, which keeps the common case a
 * tight loop. Not thread-safe.
 */
final class LevelMeter {
  private static final int WINDOWS_PER_SECOND = 100;

  private final int channels;
  private final int silenceLimit;
  private final long windowFrames;
  private final int[] fullScaleRun;
  private int peak;
  private long clippedRuns;
  private long clippedSamples;
  private long windowFill;
  private int windowPeak;
  private long silentRun;
  private long longestSilent;

  /** Audio at {@code rate} with {@code channels}, silent below magnitude {@code silenceLimit}. */
  LevelMeter(int rate, int channels, int silenceLimit) {
    this.channels = channels;
    this.silenceLimit = silenceLimit;
    this.windowFrames = Math.max(1, rate / WINDOWS_PER_SECOND);
    this.fullScaleRun = new int[channels];
  }

  /** Feeds {@code count} interleaved samples (whole frames) from {@code buf[offset]}. */
  void accept(short[] buf, int offset, int count) {
    int i = offset;
    int end = offset + count;
    while (i < end) {
      int frames = (int) Math.min((end - i) / channels, windowFrames - windowFill);
      int stop = i + frames * channels;
      int max = 0;
      for (int k = i; k < stop; k++) {
        max = Math.max(max, Math.abs(buf[k]));
      }
      if (max >= Short.MAX_VALUE) {
        countClipping(buf, i, stop);
      } else {
        Arrays.fill(fullScaleRun, 0);
      }
      windowPeak = Math.max(windowPeak, max);
      windowFill += frames;
      i = stop;
      if (windowFill == windowFrames) {
        silentRun = windowPeak < silenceLimit ? silentRun + windowFill : 0;
        longestSilent = Math.max(longestSilent, silentRun);
        peak = Math.max(peak, windowPeak);
        windowFill = 0;
        windowPeak = 0;
      }
    }
  }

  private void countClipping(short[] buf, int from, int stop) {
    for (int k = from, c = 0; k < stop; k++, c = c + 1 == channels ? 0 : c + 1) {
      if (Math.abs(buf[k]) >= Short.MAX_VALUE) {
        int run = ++fullScaleRun[c];
        if (run == AudioAnalyzer.CLIP_RUN) {
          clippedRuns++;
          clippedSamples += AudioAnalyzer.CLIP_RUN;
        } else if (run > AudioAnalyzer.CLIP_RUN) {
          clippedSamples++;
        }
      } else {
        fullScaleRun[c] = 0;
      }
    }
  }

  /** The largest sample magnitude, 0 to 32768. */
  int peak() {
    return Math.max(peak, windowPeak);
  }

  long clippedRuns() {
    return clippedRuns;
  }

  long clippedSamples() {
    return clippedSamples;
  }

  /** The longest run of silent windows in frames, a trailing partial window included. */
  long longestSilentFrames() {
    if (windowFill > 0 && windowPeak < silenceLimit) {
      return Math.max(longestSilent, silentRun + windowFill);
    }
    return longestSilent;
  }
}
