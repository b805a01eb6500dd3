package dev.acepipe.plan;

import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The album a plan produces: the {@code album:} section with every reference bound to a plan
 * instance and every default filled in. The album runtime writes {@link Track#fileName()} files,
 * {@code album.m3u8} and {@code tracklist.json} into {@link #dir()}.
 *
 * @param title the album title
 * @param artist null when not written; see {@link #artistName()}
 * @param format {@code flac}, {@code wav} or {@code mp3}
 * @param loudness target LUFS, or null for no normalization; see {@link #loudnessTarget()}
 * @param dir relative to the project directory (default {@code out/<pipeline name>})
 * @param tracks in album order, numbered from 1
 * @param mastering gain mode and true-peak ceiling of the normalization
 */
public record PlannedAlbum(
    String title,
    String artist,
    String format,
    Double loudness,
    String dir,
    List<Track> tracks,
    SourceLocation location,
    dev.acepipe.dsl.model.AlbumMastering mastering) {
  public PlannedAlbum {
    mastering = Objects.requireNonNullElse(mastering, dev.acepipe.dsl.model.AlbumMastering.DEFAULT);
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(location, "location");
    tracks = List.copyOf(tracks);
  }

  public Optional<String> artistName() {
    return Optional.ofNullable(artist);
  }

  public OptionalDouble loudnessTarget() {
    return loudness == null ? OptionalDouble.empty() : OptionalDouble.of(loudness);
  }

  /**
   * One track.
   *
   * @param number 1-based position
   * @param title as written
   * @param source the instance and take that becomes the track (a {@code select} step's only take
   *     is 0)
   * @param fileName {@code 01 - Title.flac}: two-digit number (more when there are 100+ tracks),
   *     the title, the album format
   */
  public record Track(
      int number, String title, StepRef source, String fileName, SourceLocation location) {
    public Track {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(location, "location");
      if (number < 1) {
        throw new IllegalArgumentException("track number " + number);
      }
    }
  }
}
