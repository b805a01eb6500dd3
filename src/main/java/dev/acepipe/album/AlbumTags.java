package dev.acepipe.album;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.TrackInfo;
import dev.acepipe.audio.tag.TrackTags;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The tags album tracks carry: the album title, the artist, the track's title, number and total
 * (what a music player shows), and the lineage of the take each track came from (what {@code
 * outputs:} files carry). Applied by {@link AlbumWriter} to each staged track before its SHA-256 is
 * taken, and named at the top of {@code tracklist.json}.
 *
 * @param album the album title
 * @param artist the artist, or null
 * @param lineage by track source ({@link AlbumTrack#sourceStep()}); a track without an entry gets
 *     no lineage
 */
public record AlbumTags(String album, String artist, Map<String, Lineage> lineage) {
  /** No tags at all: tracks keep whatever their source had. */
  public static final AlbumTags NONE = new AlbumTags(null, null, Map.of());

  public AlbumTags {
    lineage = Map.copyOf(lineage);
  }

  /**
   * Tags {@code t}'s file as track {@code t.number()} of {@code total}; returns it with its new
   * SHA-256.
   */
  WrittenTrack tag(WrittenTrack t, int total) throws IOException {
    if (album == null) {
      return t;
    }
    String label = "track " + t.number() + " '" + TrackNames.displayTitle(t.track().title()) + "'";
    try {
      TrackTags.write(
          t.file(),
          new TrackInfo(
              TrackNames.displayTitle(t.track().title()), artist, album, t.number(), total),
          lineage.get(t.track().sourceStep()));
    } catch (IllegalArgumentException e) {
      throw new AlbumException(label + ": cannot tag: " + e.getMessage(), e);
    }
    return new WrittenTrack(
        t.number(),
        t.track(),
        t.file(),
        t.durationSeconds(),
        AudioFiles.sha256(t.file()),
        t.transcoded(),
        t.loudness());
  }

  /** {@code tracklist} with the album's title and artist first. */
  Map<String, Object> annotate(Map<String, Object> tracklist) {
    if (album == null) {
      return tracklist;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", album);
    m.put("artist", artist);
    m.putAll(tracklist);
    return m;
  }

  @Override
  public String toString() {
    return "AlbumTags[" + Objects.toString(album) + " by " + Objects.toString(artist) + "]";
  }
}
