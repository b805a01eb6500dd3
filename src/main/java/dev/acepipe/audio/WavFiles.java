package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * RIFF/WAVE chunk walking: header-only probing, and a direct reader for the common 16-bit PCM case.
 */
final class WavFiles {
  private WavFiles() {}

  /** Where the chunks say the audio is. */
  private record Layout(
      int formatTag, int channels, int sampleRate, int bits, long dataOffset, long dataBytes) {}

  private static Layout layout(Path file, FileChannel ch) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, h, 0, file);
    long pos = 12;
    long size = ch.size();
    int tag = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= size) {
      ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, c, pos, file);
      String id =
          new String(
              new byte[] {c.get(0), c.get(1), c.get(2), c.get(3)},
              java.nio.charset.StandardCharsets.US_ASCII);
      long len = Integer.toUnsignedLong(c.getInt(4));
      if (id.equals("fmt ")) {
        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, f, pos + 8, file);
        tag = f.getShort(0) & 0xFFFF;
        channels = f.getShort(2) & 0xFFFF;
        rate = f.getInt(4);
        bits = f.getShort(14) & 0xFFFF;
        if (tag == 0xFFFE
            && len >= 40) { // WAVE_FORMAT_EXTENSIBLE: the real tag is the sub-format GUID's head
          ByteBuffer e = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
          readFully(ch, e, pos + 8 + 24, file);
          tag = e.getShort(0) & 0xFFFF;
        }
      } else if (id.equals("data")) {
        if (tag < 0) {
          throw new AudioException(file, "WAV data chunk before its fmt chunk");
        }
        // a streaming writer may leave the size at 0 or 0xFFFFFFFF; trust the file length then
        long bytes = len == 0 || len == 0xFFFF_FFFFL || pos + 8 + len > size ? size - pos - 8 : len;
        return new Layout(tag, channels, rate, bits, pos + 8, bytes);
      }
      pos += 8 + len + (len & 1);
    }
    throw new AudioException(file, "WAV without a data chunk");
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at, Path file)
      throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new AudioException(file, "truncated WAV header");
      }
      p += r;
    }
  }

  static AudioInfo probe(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Layout l = layout(file, ch);
      int frameBytes = l.channels() * ((l.bits() + 7) / 8);
      if (frameBytes <= 0 || l.sampleRate() <= 0) {
        throw new AudioException(file, "WAV with a broken fmt chunk");
      }
      return new AudioInfo(
          AudioFormat.WAV, l.sampleRate(), l.channels(), l.dataBytes() / frameBytes);
    }
  }

  /**
   * A block reader over the samples of a 16-bit PCM WAV, or {@code null} for other encodings (left
   * to javax.sound). Memory stays at one 64 KiB buffer whatever the file's length.
   */
  static PcmStream openPcm16(Path file) throws IOException {
    return open16(file);
  }

  private static Pcm16Stream open16(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      Layout l = layout(file, ch);
      if (l.formatTag() != 1 || l.bits() != 16 || l.channels() <= 0 || l.sampleRate() <= 0) {
        ch.close();
        return null;
      }
      return new Pcm16Stream(file, ch, l);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The 64 KiB little-endian direct buffer WAV samples move through, read or written. */
  static ByteBuffer ioBuffer() {
    return ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static final class Pcm16Stream implements PcmStream {
    private final Path file;
    private final FileChannel ch;
    private final Layout layout;
    private final ByteBuffer buf = ioBuffer();
    private long pos;
    private final long end;

    Pcm16Stream(Path file, FileChannel ch, Layout layout) {
      this.file = file;
      this.ch = ch;
      this.layout = layout;
      this.pos = layout.dataOffset();
      long frameBytes = 2L * layout.channels();
      this.end = layout.dataOffset() + layout.dataBytes() / frameBytes * frameBytes;
    }

    /** How many samples (all channels) the stream yields in all. */
    long samples() {
      return (end - layout.dataOffset()) / 2;
    }

    @Override
    public int sampleRate() {
      return layout.sampleRate();
    }

    @Override
    public int channels() {
      return layout.channels();
    }

    @Override
    public int read(short[] out, int offset, int max) throws IOException {
      if (pos >= end) {
        return -1;
      }
      int frameBytes = 2 * layout.channels();
      long want = Math.min((long) (max / layout.channels()) * frameBytes, end - pos);
      want = Math.min(want, buf.capacity() / frameBytes * frameBytes);
      if (want <= 0) {
        throw new IllegalArgumentException("room for less than one frame: " + max + " samples");
      }
      buf.clear();
      buf.limit((int) want);
      while (buf.hasRemaining()) {
        int r = ch.read(buf, pos);
        if (r < 0) {
          throw new AudioException(file, "truncated WAV data");
        }
        pos += r;
      }
      buf.flip();
      int n = buf.remaining() / 2;
      buf.asShortBuffer().get(out, offset, n);
      return n;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }

  /** The samples of a 16-bit PCM WAV, or {@code null} for other encodings (left to javax.sound). */
  static Pcm readPcm16(Path file) throws IOException {
    try (Pcm16Stream in = open16(file)) {
      if (in == null) {
        return null;
      }
      short[] out = new short[Math.toIntExact(in.samples())];
      int filled = 0;
      int n;
      while (filled < out.length && (n = in.read(out, filled, out.length - filled)) > 0) {
        filled += n;
      }
      return Pcm.adopt(in.sampleRate(), in.channels(), out);
    }
  }
}
