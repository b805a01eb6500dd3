package dev.acepipe.audio.tag;

import dev.acepipe.store.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The tags one rewrite of a file sets: the lineage, the track fields, or both. What is absent is
 * left as the file has it; what is present replaces the file's earlier values of the same fields.
 *
 * @param lineage null to keep the file's lineage
 * @param track null to keep the file's title, artist, album and track fields
 */
record TagSet(Lineage lineage, TrackInfo track) {
  TagSet {
    if (lineage == null && track == null) {
      throw new IllegalArgumentException("nothing to tag");
    }
  }

  /**
   * Rewrites {@code file} atomically (temp file + rename) with these tags, in the way of its
   * container (detected from its first bytes).
   *
   * @throws TagException if the file is not WAV/FLAC/MP3 or its container is malformed; the file is
   *     then unchanged
   */
  void writeInto(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Container c = Container.of(ch, file);
      AtomicFiles.write(
          file,
          out -> {
            switch (c) {
              case FLAC -> FlacTags.write(ch, out, this);
              case WAV -> WavTags.write(ch, out, this);
              case MP3 -> Id3Tags.write(ch, out, this);
            }
          });
    }
  }
}
