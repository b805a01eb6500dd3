package dev.acepipe.album;

import dev.acepipe.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One candidate take for {@link TakeSelector}.
 *
 * @param id the take's name in the plan, e.g. {@code draft#1} or {@code hook[mood=dark]#0}
 * @param path the local audio file
 * @param durationSeconds the take's length (as probed)
 * @param loudness its measurement if already known (e.g. from the store), or {@code null} to have
 *     the selector measure the file when a rule needs it
 */
public record Take(String id, Path path, double durationSeconds, LoudnessMeasurement loudness) {
  public Take {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    if (id.isBlank()) {
      throw new IllegalArgumentException("take id is blank");
    }
    if (!Double.isFinite(durationSeconds) || durationSeconds < 0) {
      throw new IllegalArgumentException("take " + id + ": bad duration " + durationSeconds);
    }
  }

  /** A take whose loudness is not known yet. */
  public static Take of(String id, Path path, double durationSeconds) {
    return new Take(id, path, durationSeconds, null);
  }

  /**
   * A take of {@code path} whose duration is read from the file's header ({@link
   * AudioFiles#probe}).
   *
   * @throws IOException if the file is missing or not audio acepipe reads
   */
  public static Take probe(String id, Path path) throws IOException {
    return of(id, path, AudioFiles.probe(path).durationSeconds());
  }

  /** This take with its loudness known. */
  public Take withLoudness(LoudnessMeasurement measured) {
    return new Take(id, path, durationSeconds, Objects.requireNonNull(measured, "measured"));
  }

  /** The loudness, when known. */
  public Optional<LoudnessMeasurement> measured() {
    return Optional.ofNullable(loudness);
  }
}
