package dev.acepipe.report.html;

import java.util.List;
import java.util.Objects;

/**
 * The album a run wrote, as the report shows it.
 *
 * @param title the album title
 * @param artist the artist, or {@code ""}
 * @param dir the album directory, relative to the project
 * @param playlistLink the playlist relative to the run directory (for a link)
 * @param tracks in album order
 */
public record AlbumRun(
    String title, String artist, String dir, String playlistLink, List<Track> tracks) {
  public AlbumRun {
    Objects.requireNonNull(title, "title");
    artist = artist == null ? "" : artist;
    Objects.requireNonNull(dir, "dir");
    playlistLink = playlistLink == null ? "" : playlistLink;
    tracks = List.copyOf(tracks);
  }

  /**
   * One track; levels are null when unknown (silence, or not measured).
   *
   * @param link the file relative to the run directory, or {@code ""}
   * @param normalized whether the album was normalized (else before and after are the same
   *     measurement)
   */
  public record Track(
      int number,
      String title,
      String file,
      String link,
      double durationSeconds,
      String source,
      boolean normalized,
      Double lufsBefore,
      Double lufsAfter,
      Double peakBeforeDbfs,
      Double peakAfterDbfs) {
    public Track {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(file, "file");
      link = link == null ? "" : link;
      source = source == null ? "" : source;
    }
  }
}
