package dev.acepipe.album;

import dev.acepipe.audio.Pcm;
import java.util.Objects;

/**
 * The result of {@link Loudness#normalize}: the gained audio and what was measured before and
 * after.
 *
 * @param pcm the audio with {@code gainDb} applied (the input itself when the gain is zero)
 * @param before the input's measurement
 * @param after the output's measurement, measured again on the rounded 16-bit output
 * @param targetLufs the loudness that was asked for
 * @param gainDb the gain applied, in dB
 * @param peakLimited true when the peak ceiling held the gain below what the target needed; the
 *     output is then quieter than the target, never clipped
 */
public record Normalization(
    Pcm pcm,
    LoudnessMeasurement before,
    LoudnessMeasurement after,
    double targetLufs,
    double gainDb,
    boolean peakLimited) {
  public Normalization {
    Objects.requireNonNull(pcm, "pcm");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }

  /** True when the input was silent, so no gain could reach the target and none was applied. */
  public boolean silentInput() {
    return Double.isInfinite(before.integratedLufs());
  }
}
