package dev.acepipe.audio.tag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The three audio containers acepipe writes, recognized by their first bytes (never by file name).
 */
public enum Container {
  FLAC,
  WAV,
  MP3;

  /**
   * The container of {@code file}, open on {@code ch}.
   *
   * @throws TagException if it is none of the three
   */
  static Container of(FileChannel ch, java.nio.file.Path file) throws IOException {
    return detect(ch).orElseThrow(() -> new TagException(file + " is not a WAV, FLAC or MP3 file"));
  }

  /** The container of the file open on {@code ch}, or empty if it is none of the three. */
  static java.util.Optional<Container> detect(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(12);
    ch.read(b, 0);
    byte[] h = b.array();
    int n = b.position();
    if (n >= 4 && h[0] == 'f' && h[1] == 'L' && h[2] == 'a' && h[3] == 'C') {
      return java.util.Optional.of(FLAC);
    }
    if (n >= 12
        && h[0] == 'R'
        && h[1] == 'I'
        && h[2] == 'F'
        && h[3] == 'F'
        && h[8] == 'W'
        && h[9] == 'A'
        && h[10] == 'V'
        && h[11] == 'E') {
      return java.util.Optional.of(WAV);
    }
    if (n >= 3 && h[0] == 'I' && h[1] == 'D' && h[2] == '3') {
      return java.util.Optional.of(MP3);
    }
    if (n >= 2 && (h[0] & 0xff) == 0xff && (h[1] & 0xe0) == 0xe0) {
      return java.util.Optional.of(MP3);
    }
    return java.util.Optional.empty();
  }
}
