package dev.acepipe.album;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One track of an album, in album order, as the executor hands it to {@link AlbumWriter}.
 *
 * @param title the track's title as written in the pipeline (sanitized only for the file name)
 * @param source the chosen take's local audio file
 * @param sourceStep the id of the step (or step instance) that rendered the take, e.g. {@code
 *     hook[mood=dark]}
 * @param seed the seed the take was rendered with
 * @param sha256 the SHA-256 of {@code source} as recorded when it was rendered (lowercase hex);
 *     checked before use
 * @param durationSeconds the take's duration as probed
 */
public record AlbumTrack(
    String title,
    Path source,
    String sourceStep,
    long seed,
    String sha256,
    double durationSeconds) {
  public AlbumTrack {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceStep, "sourceStep");
    Objects.requireNonNull(sha256, "sha256");
    if (title.isBlank()) {
      throw new IllegalArgumentException("track title is blank");
    }
    if (sourceStep.isBlank()) {
      throw new IllegalArgumentException("track '" + title + "': source step is blank");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("track '" + title + "': not a SHA-256: " + sha256);
    }
    if (!Double.isFinite(durationSeconds) || durationSeconds < 0) {
      throw new IllegalArgumentException("track '" + title + "': bad duration " + durationSeconds);
    }
  }
}
