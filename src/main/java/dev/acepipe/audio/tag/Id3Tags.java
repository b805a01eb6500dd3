package dev.acepipe.audio.tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MP3 at the container level: an ID3v2 tag (10-byte header with a synchsafe size, then frames)
 * prepended to the MPEG frames. The lineage goes into {@code TXXX} frames whose description is the
 * field name. An existing ID3v2.3 or v2.4 tag keeps its other frames (copied as they are) and its
 * version; a file without one gets a new v2.4 tag (UTF-8 text). The MPEG frames are copied byte for
 * byte. Tags using whole-tag unsynchronisation, an extended header or a footer, and ID3v2.2, are
 * refused rather than guessed at.
 */
final class Id3Tags {
  private static final int HEADER = 10;

  private Id3Tags() {}

  private record Tag(int major, byte[] frames, long audioStart) {}

  /** The TXXX frames by description. */
  static Map<String, String> read(FileChannel ch) throws IOException {
    return collect(
        ch,
        (id, body) -> {
          String[] dv = id.equals("TXXX") ? txxx(body) : null;
          return dv == null ? null : Map.entry(dv[0], dv[1]);
        });
  }

  /** The text frames ({@code TIT2}, {@code TRCK} ...) by frame id; TXXX frames are left out. */
  static Map<String, String> readText(FileChannel ch) throws IOException {
    return collect(
        ch,
        (id, body) -> {
          String text = id.startsWith("T") && !id.equals("TXXX") ? text(body) : null;
          return text == null ? null : Map.entry(id, text);
        });
  }

  /** What {@code pick} makes of each frame of the tag, in frame order (later frames win). */
  private static Map<String, String> collect(FileChannel ch, FramePick pick) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    Tag tag = parse(ch);
    if (tag != null) {
      forEachFrame(
          tag,
          (id, flags, body) -> {
            Map.Entry<String, String> e = pick.entry(id, body);
            if (e != null) {
              fields.put(e.getKey(), e.getValue());
            }
            return true;
          });
    }
    return fields;
  }

  /** A frame's field, or {@code null} when the frame is not one the reader wants. */
  private interface FramePick {
    Map.Entry<String, String> entry(String id, byte[] body);
  }

  static void write(FileChannel ch, OutputStream out, TagSet tags) throws IOException {
    Tag tag = parse(ch);
    int major = tag == null ? 4 : tag.major();
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    if (tag != null) {
      forEachFrame(
          tag,
          (id, flags, body) -> {
            String[] dv = id.equals("TXXX") ? txxx(body) : null;
            boolean newLineage = tags.lineage() != null && dv != null && Lineage.isOurs(dv[0]);
            boolean newTrack = tags.track() != null && TRACK_FRAMES.contains(id);
            if (!newLineage && !newTrack) {
              writeFrame(frames, major, id, flags, body);
            }
            return true;
          });
    }
    if (tags.track() != null) {
      for (Map.Entry<String, String> e : tags.track().id3Frames().entrySet()) {
        writeFrame(frames, major, e.getKey(), 0, encodeText(major, e.getValue()));
      }
    }
    if (tags.lineage() != null) {
      for (Map.Entry<String, String> e : tags.lineage().fields().entrySet()) {
        writeFrame(frames, major, "TXXX", 0, encodeTxxx(major, e.getKey(), e.getValue()));
      }
    }
    out.write(new byte[] {'I', 'D', '3', (byte) major, 0, 0});
    out.write(synchsafe(frames.size()));
    frames.writeTo(out);
    Channels2.copyRest(ch, tag == null ? 0 : tag.audioStart(), out);
  }

  private static Tag parse(FileChannel ch) throws IOException {
    if (ch.size() < HEADER) {
      return null;
    }
    byte[] h = Channels2.read(ch, 0, HEADER, "the ID3v2 header");
    if (h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
      return null;
    }
    int major = h[3];
    if (major != 3 && major != 4) {
      throw new TagException("ID3v2." + major + " tags are not supported (only v2.3 and v2.4)");
    }
    if ((h[5] & 0xd0) != 0) {
      throw new TagException(
          "ID3v2 tags with unsynchronisation, an extended header or a footer are not supported");
    }
    int size = unsynchsafe(h, 6);
    return new Tag(major, Channels2.read(ch, HEADER, size, "the ID3v2 tag"), HEADER + (long) size);
  }

  @FunctionalInterface
  private interface FrameVisitor {
    boolean visit(String id, int flags, byte[] body) throws IOException;
  }

  private static void forEachFrame(Tag tag, FrameVisitor v) throws IOException {
    byte[] f = tag.frames();
    int p = 0;
    while (p + HEADER <= f.length && f[p] != 0) {
      String id = new String(f, p, 4, StandardCharsets.ISO_8859_1);
      int size = tag.major() == 4 ? unsynchsafe(f, p + 4) : Channels2.le32(reverse(f, p + 4), 0);
      if (size < 0 || p + HEADER + size > f.length) {
        throw new TagException("malformed ID3v2 frame '" + id + "'");
      }
      int flags = (f[p + 8] & 0xff) << 8 | (f[p + 9] & 0xff);
      byte[] body = java.util.Arrays.copyOfRange(f, p + HEADER, p + HEADER + size);
      if (!v.visit(id, flags, body)) {
        return;
      }
      p += HEADER + size;
    }
  }

  private static void writeFrame(OutputStream out, int major, String id, int flags, byte[] body)
      throws IOException {
    out.write(id.getBytes(StandardCharsets.ISO_8859_1));
    if (major == 4) {
      out.write(synchsafe(body.length));
    } else {
      out.write(
          new byte[] {
            (byte) (body.length >>> 24),
            (byte) (body.length >>> 16),
            (byte) (body.length >>> 8),
            (byte) body.length
          });
    }
    out.write(flags >>> 8);
    out.write(flags & 0xff);
    out.write(body);
  }

  /**
   * [description, value] of a TXXX body, or null if it cannot be decoded (then it is kept as is).
   */
  private static String[] txxx(byte[] body) {
    if (body.length < 2) {
      return null;
    }
    int enc = body[0];
    Charset cs = charset(enc);
    if (cs == null) {
      return null;
    }
    int unit = enc == 1 || enc == 2 ? 2 : 1;
    int end = 1;
    while (end + unit <= body.length && !(body[end] == 0 && (unit == 1 || body[end + 1] == 0))) {
      end += unit;
    }
    if (end + unit > body.length) {
      return null;
    }
    String desc = new String(body, 1, end - 1, cs);
    int valueStart = end + unit;
    int valueEnd = body.length;
    while (valueEnd > valueStart && body[valueEnd - 1] == 0) {
      valueEnd--;
    }
    if (unit == 2 && (valueEnd - valueStart) % 2 == 1) {
      valueEnd++;
    }
    return new String[] {desc, new String(body, valueStart, valueEnd - valueStart, cs)};
  }

  /** The frames a track rewrite replaces (an artist dropped from the album must not linger). */
  private static final java.util.Set<String> TRACK_FRAMES =
      java.util.Set.of("TIT2", "TPE1", "TALB", "TRCK");

  /** The charset of an ID3v2 text encoding byte, or null for an unknown one. */
  private static Charset charset(int encoding) {
    return switch (encoding) {
      case 0 -> StandardCharsets.ISO_8859_1;
      case 1 -> StandardCharsets.UTF_16;
      case 2 -> StandardCharsets.UTF_16BE;
      case 3 -> StandardCharsets.UTF_8;
      default -> null;
    };
  }

  /**
   * The text of a T*** frame body (encoding byte, then the text), or null if its encoding is
   * unknown.
   */
  private static String text(byte[] body) {
    if (body.length < 1) {
      return null;
    }
    Charset cs = charset(body[0]);
    if (cs == null) {
      return null;
    }
    int end = body.length;
    while (end > 1 && body[end - 1] == 0) {
      end--;
    }
    if ((body[0] == 1 || body[0] == 2) && (end - 1) % 2 == 1) {
      end++;
    }
    return new String(body, 1, end - 1, cs);
  }

  private static byte[] encodeText(int major, String value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (major == 4) {
      b.write(3);
      b.write(value.getBytes(StandardCharsets.UTF_8));
    } else {
      b.write(1);
      b.write(value.getBytes(StandardCharsets.UTF_16));
    }
    return b.toByteArray();
  }

  private static byte[] encodeTxxx(int major, String description, String value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    if (major == 4) {
      b.write(3);
      b.write(description.getBytes(StandardCharsets.UTF_8));
      b.write(0);
      b.write(value.getBytes(StandardCharsets.UTF_8));
    } else {
      // ID3v2.3 has no UTF-8: UTF-16 with a byte-order mark (Java's UTF_16 encoder writes
      // big-endian + BOM).
      b.write(1);
      b.write(description.getBytes(StandardCharsets.UTF_16));
      b.write(new byte[] {0, 0});
      b.write(value.getBytes(StandardCharsets.UTF_16));
    }
    return b.toByteArray();
  }

  private static byte[] synchsafe(int v) throws TagException {
    if (v >= 1 << 28) {
      throw new TagException("ID3v2 tag too large");
    }
    return new byte[] {
      (byte) (v >>> 21 & 0x7f), (byte) (v >>> 14 & 0x7f), (byte) (v >>> 7 & 0x7f), (byte) (v & 0x7f)
    };
  }

  private static int unsynchsafe(byte[] b, int off) {
    return (b[off] & 0x7f) << 21
        | (b[off + 1] & 0x7f) << 14
        | (b[off + 2] & 0x7f) << 7
        | (b[off + 3] & 0x7f);
  }

  private static byte[] reverse(byte[] b, int off) {
    return new byte[] {b[off + 3], b[off + 2], b[off + 1], b[off]};
  }
}
