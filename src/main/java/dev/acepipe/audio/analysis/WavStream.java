package dev.acepipe.audio.analysis;

import dev.acepipe.audio.Le16Frames;
import dev.acepipe.audio.PcmStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The samples of a 16-bit PCM WAV read from a stream, walking the chunks as the audio package does
 * for files: the first {@code data} chunk after {@code fmt }; a size of 0 or 0xFFFFFFFF (left by a
 * streaming writer) means "to the end"; a partial trailing frame is dropped. Other encodings are
 * refused, so the caller measures the finished file instead.
 */
final class WavStream {
  private WavStream() {}

  /** Reads the header of the WAV {@code in} starts with, up to its first sample. */
  static PcmStream open(InputStream in) throws IOException {
    readFully(in, 12); // RIFF, size, WAVE: the caller has checked them
    int tag = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (true) {
      ByteBuffer c = ByteBuffer.wrap(readFully(in, 8)).order(ByteOrder.LITTLE_ENDIAN);
      String id = new String(c.array(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
      long len = Integer.toUnsignedLong(c.getInt(4));
      if (id.equals("fmt ")) {
        if (len < 16) {
          throw new IOException("WAV fmt chunk of " + len + " bytes");
        }
        ByteBuffer f = ByteBuffer.wrap(readFully(in, (int) len)).order(ByteOrder.LITTLE_ENDIAN);
        tag = f.getShort(0) & 0xFFFF;
        channels = f.getShort(2) & 0xFFFF;
        rate = f.getInt(4);
        bits = f.getShort(14) & 0xFFFF;
        if (tag == 0xFFFE && len >= 40) { // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID's head
          tag = f.getShort(24) & 0xFFFF;
        }
        skip(in, len & 1);
      } else if (id.equals("data")) {
        if (tag != 1 || bits != 16 || channels <= 0 || rate <= 0) {
          throw new IOException(
              "WAV encoding "
                  + tag
                  + "/"
                  + bits
                  + " bit is measured from the file, not the stream");
        }
        long bytes = len == 0 || len == 0xFFFF_FFFFL ? Long.MAX_VALUE : len;
        // Fill every read's room, as the file reader does: the meters' sums are grouped by block,
        // so the same blocks give bit-identical results however the network split the bytes.
        return new Le16Frames(in, rate, channels, bytes, true);
      } else {
        skip(in, len + (len & 1));
      }
    }
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("truncated WAV header");
    }
    return b;
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }
}
