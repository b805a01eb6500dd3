package dev.acepipe.exec;

/**
 * What probing an audio file tells the executor: its length in seconds, sample rate and channel
 * count.
 */
public record AudioInfo(double durationSeconds, int sampleRate, int channels) {
  public AudioInfo {
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException(
          "duration must be a finite number >= 0, was " + durationSeconds);
    }
  }
}
