package dev.acepipe.dsl.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code album:} section: which takes become the numbered tracks of an album, in order.
 *
 * @param title the album title
 * @param artist null when not written; see {@link #artistName()}
 * @param format the container of the album files: {@code flac} (default), {@code wav} or {@code
 *     mp3}
 * @param loudness target integrated loudness in LUFS, or null for no normalization; see {@link
 *     #loudnessTarget()}
 * @param dir the output directory relative to the project, or null for {@code out/<pipeline name>}
 * @param tracks at least one, in album order
 * @param location where {@code album:} is written
 * @param dirLocation where {@code dir} is written, else {@code location}
 * @param mastering {@code loudness_mode} and {@code true_peak}
 */
public record AlbumSpec(
    String title,
    String artist,
    String format,
    Double loudness,
    String dir,
    List<TrackSpec> tracks,
    SourceLocation location,
    SourceLocation dirLocation,
    AlbumMastering mastering) {

  public static final List<String> FORMATS = List.of("flac", "wav", "mp3");
  public static final double MIN_LUFS = -70;
  public static final double MAX_LUFS = -1;

  public AlbumSpec {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(location, "location");
    tracks = List.copyOf(tracks);
    dirLocation = dirLocation == null ? location : dirLocation;
    mastering = Objects.requireNonNullElse(mastering, AlbumMastering.DEFAULT);
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("album format " + format);
    }
  }

  public Optional<String> artistName() {
    return Optional.ofNullable(artist);
  }

  public OptionalDouble loudnessTarget() {
    return loudness == null ? OptionalDouble.empty() : OptionalDouble.of(loudness);
  }

  public Optional<String> directory() {
    return Optional.ofNullable(dir);
  }

  /**
   * One track.
   *
   * @param ref a step, {@code step#N}, a matrix instance ({@code hook[mood=dark]}, optionally
   *     {@code #N}) or a {@code select} step
   * @param title the track title (becomes {@code 01 - Title.flac})
   * @param location where the track's {@code step:} is written
   * @param titleLocation where its {@code title:} is written
   */
  public record TrackSpec(
      StepRef ref, String title, SourceLocation location, SourceLocation titleLocation) {
    public TrackSpec {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(location, "location");
      titleLocation = titleLocation == null ? location : titleLocation;
    }
  }
}
