package dev.acepipe.audio.tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a music player shows for an album track: title, artist, album, track number and total.
 * Values are single lines (control characters are refused) so they survive every container.
 *
 * @param title the track title
 * @param artist the artist, or null when the album names none
 * @param album the album title
 * @param number 1-based track number
 * @param total how many tracks the album has
 */
public record TrackInfo(String title, String artist, String album, int number, int total) {
  public TrackInfo {
    requireLine("title", title);
    requireLine("album", album);
    if (artist != null) {
      requireLine("artist", artist);
      artist = artist.isBlank() ? null : artist;
    }
    if (number < 1 || total < number) {
      throw new IllegalArgumentException("track " + number + " of " + total);
    }
  }

  /** The Vorbis comment fields (FLAC), in a fixed order; the artist only when there is one. */
  Map<String, String> vorbisFields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TITLE", title);
    if (artist != null) {
      m.put("ARTIST", artist);
    }
    m.put("ALBUM", album);
    m.put("TRACKNUMBER", Integer.toString(number));
    m.put("TRACKTOTAL", Integer.toString(total));
    return m;
  }

  /** The ID3v2 text frames (MP3): {@code TRCK} is {@code number/total}. */
  Map<String, String> id3Frames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TIT2", title);
    if (artist != null) {
      m.put("TPE1", artist);
    }
    m.put("TALB", album);
    m.put("TRCK", number + "/" + total);
    return m;
  }

  /** The RIFF INFO items (WAV): name, artist, product (album) and track. */
  Map<String, String> infoItems() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("INAM", title);
    if (artist != null) {
      m.put("IART", artist);
    }
    m.put("IPRD", album);
    m.put("ITRK", number + "/" + total);
    return m;
  }

  private static void requireLine(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException("track " + name + " must not be blank");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "track " + name + " must be one line without control characters");
    }
  }
}
