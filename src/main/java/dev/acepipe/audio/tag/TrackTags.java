package dev.acepipe.audio.tag;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the tags a music player shows ({@link TrackInfo}: title, artist, album, track
 * number/total) together with the {@link Lineage}, in the container's own fields: FLAC Vorbis
 * comments ({@code TITLE}, {@code ARTIST}, {@code ALBUM}, {@code TRACKNUMBER}, {@code TRACKTOTAL}),
 * MP3 ID3v2 text frames ({@code TIT2}, {@code TPE1}, {@code TALB}, {@code TRCK}) and WAV RIFF INFO
 * items ({@code INAM}, {@code IART}, {@code IPRD}, {@code ITRK}). Like {@link LineageTags}, a
 * rewrite is atomic, keeps other metadata and leaves the audio bytes as they are.
 */
public final class TrackTags {
  private static final Set<String> SHOWN =
      Set.of(
          "TITLE",
          "ARTIST",
          "ALBUM",
          "TRACKNUMBER",
          "TRACKTOTAL",
          "TIT2",
          "TPE1",
          "TALB",
          "TRCK",
          "INAM",
          "IART",
          "IPRD",
          "ITRK");

  private TrackTags() {}

  /**
   * Writes {@code track} and, unless null, {@code lineage} into {@code file}.
   *
   * @throws TagException if the file is not WAV/FLAC/MP3 or its container is malformed; the file is
   *     then unchanged
   */
  public static void write(Path file, TrackInfo track, Lineage lineage) throws IOException {
    new TagSet(lineage, track).writeInto(file);
  }

  /**
   * The player-facing fields present in {@code file}, under the container's own names ({@code
   * TITLE}, {@code TIT2}).
   */
  public static Map<String, String> read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Map<String, String> all =
          switch (Container.of(ch, file)) {
            case FLAC -> FlacTags.read(ch);
            case WAV -> WavTags.readInfo(ch);
            case MP3 -> Id3Tags.readText(ch);
          };
      Map<String, String> shown = new LinkedHashMap<>();
      all.forEach(
          (k, v) -> {
            if (SHOWN.contains(k.toUpperCase(Locale.ROOT))) {
              shown.put(k.toUpperCase(Locale.ROOT), v);
            }
          });
      return shown;
    }
  }
}
