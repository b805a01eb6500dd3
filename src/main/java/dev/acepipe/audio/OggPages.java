package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The duration of an Ogg Opus file from two places only: the {@code OpusHead} packet on the first
 * page (channels, pre-skip) and the granule position of the stream's last page, found by scanning
 * backwards from the end a window at a time. Granule positions of Opus count 48 kHz samples
 * whatever the input rate, and include the pre-skip the decoder drops. Memory stays at one window
 * whatever the file's length.
 */
final class OggPages {
  private OggPages() {}

  /** The largest page: header, 255 lacing values, 255 segments of 255 bytes. */
  private static final int MAX_PAGE = 27 + 255 + 255 * 255;

  private static final int WINDOW = 2 * MAX_PAGE;
  private static final int OPUS_RATE = 48_000;
  private static final int[] CRC = crcTable();

  static ContainerInfo probe(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer first = read(ch, 0, (int) Math.min(size, MAX_PAGE));
      Page head = page(first, 0, file);
      if (head == null || !head.whole()) {
        throw new AudioException(file, "not an Ogg file (no page at its start)");
      }
      int packet = 27 + head.segments();
      if (head.bodyLength() < 19 || !ascii(first, packet, 8).equals("OpusHead")) {
        throw new AudioException(file, "an Ogg file whose first stream is not Opus");
      }
      int channels = first.get(packet + 9) & 0xFF;
      int preSkip = first.getShort(packet + 10) & 0xFFFF;
      long granule = lastGranule(ch, size, head.serial(), file);
      long frames = granule - preSkip;
      if (channels == 0 || frames < 0) {
        throw new AudioException(
            file, "Ogg Opus with " + channels + " channels and final granule " + granule);
      }
      return new ContainerInfo(ServerFormat.OPUS, "ogg-opus", OPUS_RATE, channels, frames);
    }
  }

  /** The granule position of the last whole, checksummed page of {@code serial} that has one. */
  private static long lastGranule(FileChannel ch, long size, int serial, Path file)
      throws IOException {
    long end = size;
    while (end > 0) {
      long start = Math.max(0, end - WINDOW);
      ByteBuffer w = read(ch, start, (int) (end - start));
      for (int i = w.limit() - 27; i >= 0; i--) {
        if (w.get(i) != 'O' || w.get(i + 1) != 'g' || w.get(i + 2) != 'g' || w.get(i + 3) != 'S') {
          continue;
        }
        Page p = page(w, i, file);
        // a page must fit the window; one that does not was seen whole by the previous window
        if (p != null && p.whole() && p.serial() == serial && p.granule() != -1 && p.crcOk()) {
          return p.granule();
        }
      }
      if (start == 0) {
        break;
      }
      end = start + MAX_PAGE; // overlap so that a page cut by the window's start is seen whole
      if (end >= size) {
        break;
      }
    }
    throw new AudioException(file, "Ogg stream without a page that gives its length");
  }

  private record Page(
      int segments, int bodyLength, long granule, int serial, boolean whole, boolean crcOk) {}

  /** The page at {@code at}, or null when the bytes there are not a page header. */
  private static Page page(ByteBuffer b, int at, Path file) {
    if (at + 27 > b.limit() || b.get(at + 4) != 0) {
      return null;
    }
    int segments = b.get(at + 26) & 0xFF;
    if (at + 27 + segments > b.limit()) {
      return null;
    }
    int body = 0;
    for (int s = 0; s < segments; s++) {
      body += b.get(at + 27 + s) & 0xFF;
    }
    int length = 27 + segments + body;
    boolean whole = at + length <= b.limit();
    long granule = b.getLong(at + 6);
    int serial = b.getInt(at + 14);
    boolean crcOk = whole && crc(b, at, length) == b.getInt(at + 22);
    return new Page(segments, body, granule, serial, whole, crcOk);
  }

  /** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected) over a page with its CRC field as 0. */
  private static int crc(ByteBuffer b, int at, int length) {
    int crc = 0;
    for (int i = 0; i < length; i++) {
      int v = (i >= 22 && i < 26) ? 0 : b.get(at + i) & 0xFF;
      crc = (crc << 8) ^ CRC[((crc >>> 24) ^ v) & 0xFF];
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int k = 0; k < 8; k++) {
        r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04C1_1DB7 : r << 1;
      }
      t[i] = r;
    }
    return t;
  }

  private static String ascii(ByteBuffer b, int at, int n) {
    if (at + n > b.limit()) {
      return "";
    }
    byte[] s = new byte[n];
    for (int i = 0; i < n; i++) {
      s[i] = b.get(at + i);
    }
    return new String(s, StandardCharsets.US_ASCII);
  }

  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    long p = at;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        break;
      }
      p += r;
    }
    b.flip();
    return b;
  }
}
