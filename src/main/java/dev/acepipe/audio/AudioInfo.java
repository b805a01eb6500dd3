package dev.acepipe.audio;

import java.util.Objects;

/**
 * What {@link AudioFiles#probe} learned about a file.
 *
 * @param frames sample frames per channel (for MP3, as decoded, including the decoder's padding)
 */
public record AudioInfo(AudioFormat format, int sampleRate, int channels, long frames) {
  public AudioInfo {
    Objects.requireNonNull(format, "format");
    if (sampleRate <= 0 || channels <= 0 || frames < 0) {
      throw new IllegalArgumentException(
          "bad audio info: rate " + sampleRate + ", channels " + channels + ", frames " + frames);
    }
  }

  /** Length in seconds. */
  public double durationSeconds() {
    return frames / (double) sampleRate;
  }
}
