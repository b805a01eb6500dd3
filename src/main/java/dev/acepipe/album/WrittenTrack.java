package dev.acepipe.album;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One track as {@link AlbumWriter} wrote it.
 *
 * @param number the track number, from 1
 * @param track what was asked for
 * @param file the written file (absolute)
 * @param durationSeconds the written audio's duration
 * @param sha256 the SHA-256 of the written file
 * @param transcoded false when the source's bytes were copied unchanged
 * @param loudness how it was normalized, or {@code null} when normalization was not asked for
 */
public record WrittenTrack(
    int number,
    AlbumTrack track,
    Path file,
    double durationSeconds,
    String sha256,
    boolean transcoded,
    TrackLoudness loudness) {
  public WrittenTrack {
    Objects.requireNonNull(track, "track");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    if (number < 1) {
      throw new IllegalArgumentException("track numbers start at 1: " + number);
    }
  }

  /** The normalization report, when the album was normalized. */
  public Optional<TrackLoudness> normalization() {
    return Optional.ofNullable(loudness);
  }
}
