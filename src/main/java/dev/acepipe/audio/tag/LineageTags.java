package dev.acepipe.audio.tag;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads the {@link Lineage} of an audio file, whatever its container (detected from its
 * first bytes): FLAC VORBIS_COMMENT, WAV LIST/INFO, MP3 ID3v2 TXXX. Writing rewrites the file
 * atomically (temp file + rename), replaces an earlier lineage, keeps the file's other metadata and
 * leaves the audio bytes untouched, so the file decodes to the same samples. Stateless and
 * thread-safe; callers must not tag the same file concurrently.
 */
public final class LineageTags {
  private LineageTags() {}

  /**
   * Writes {@code lineage} into {@code file}.
   *
   * @throws TagException if the file is not WAV/FLAC/MP3 or its container is malformed or
   *     unsupported; the file is then unchanged
   */
  public static void write(Path file, Lineage lineage) throws IOException {
    new TagSet(lineage, null).writeInto(file);
  }

  /**
   * The lineage in {@code file}, or empty if it carries none (or an incomplete one).
   *
   * @throws TagException if the file is not WAV/FLAC/MP3 or its container is malformed
   */
  public static Optional<Lineage> read(Path file) throws IOException {
    return Lineage.fromFields(fields(file));
  }

  /**
   * Every acepipe field present in {@code file} ({@code ACEPIPE_*}), for tools that show partial
   * tags.
   */
  public static Map<String, String> fields(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Map<String, String> all =
          switch (container(ch, file)) {
            case FLAC -> FlacTags.read(ch);
            case WAV -> WavTags.read(ch);
            case MP3 -> Id3Tags.read(ch);
          };
      all.keySet().removeIf(k -> !Lineage.isOurs(k));
      return all;
    }
  }

  /** The container of {@code file}. */
  public static Container containerOf(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return container(ch, file);
    }
  }

  private static Container container(FileChannel ch, Path file) throws IOException {
    return Container.of(ch, file);
  }
}
