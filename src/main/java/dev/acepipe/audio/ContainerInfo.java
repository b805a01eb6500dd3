package dev.acepipe.audio;

import java.util.Objects;

/**
 * What {@link ContainerProbe} read from a file's container, without decoding it.
 *
 * @param container e.g. {@code "ogg-opus"}, {@code "adts"}, {@code "mp4"}, {@code "wav"}
 * @param sampleRate the rate {@code frames} counts in (48000 for Opus, whatever the input rate)
 * @param channels the channel count the container declares
 * @param frames sample frames per channel
 */
public record ContainerInfo(
    ServerFormat format, String container, int sampleRate, int channels, long frames) {
  public ContainerInfo {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(container, "container");
    if (sampleRate <= 0 || channels <= 0 || frames < 0) {
      throw new IllegalArgumentException(
          "bad container info: rate "
              + sampleRate
              + ", channels "
              + channels
              + ", frames "
              + frames);
    }
  }

  /** Length in seconds. */
  public double durationSeconds() {
    return frames / (double) sampleRate;
  }
}
