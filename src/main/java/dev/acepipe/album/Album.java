package dev.acepipe.album;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An album as {@link AlbumWriter} left it on disk.
 *
 * @param directory the output directory
 * @param tracks the tracks in album order
 * @param playlist the {@code album.m3u8} file
 * @param tracklist the {@code tracklist.json} file
 */
public record Album(Path directory, List<WrittenTrack> tracks, Path playlist, Path tracklist) {
  public Album {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(playlist, "playlist");
    Objects.requireNonNull(tracklist, "tracklist");
    tracks = List.copyOf(tracks);
  }
}
