package dev.acepipe.audio.tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FLAC at the container level: {@code "fLaC"}, metadata blocks (1 byte last-flag + type, 3 bytes
 * big-endian length, body), then audio frames. The lineage goes into the VORBIS_COMMENT block (type
 * 4, little-endian vendor string and {@code KEY=value} comments), placed right after STREAMINFO;
 * other comments and blocks are kept in order and the frames are copied byte for byte.
 */
final class FlacTags {
  private static final int STREAMINFO = 0;
  private static final int VORBIS_COMMENT = 4;
  private static final int MAX_BLOCK = (1 << 24) - 1;

  private record Block(int type, byte[] body) {}

  private record Parsed(List<Block> blocks, long audioStart) {}

  private FlacTags() {}

  static Map<String, String> read(FileChannel ch) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Block b : parse(ch).blocks()) {
      if (b.type() == VORBIS_COMMENT) {
        for (String c : comments(b.body()).comments()) {
          int eq = c.indexOf('=');
          if (eq > 0) {
            fields.put(c.substring(0, eq).toUpperCase(Locale.ROOT), c.substring(eq + 1));
          }
        }
      }
    }
    return fields;
  }

  static void write(FileChannel ch, OutputStream out, TagSet tags) throws IOException {
    Parsed parsed = parse(ch);
    String vendor = "acepipe";
    List<String> kept = new ArrayList<>();
    List<Block> others = new ArrayList<>();
    for (Block b : parsed.blocks()) {
      if (b.type() == VORBIS_COMMENT) {
        Comments c = comments(b.body());
        vendor = c.vendor();
        c.comments().stream().filter(s -> !replaced(s, tags)).forEach(kept::add);
      } else {
        others.add(b);
      }
    }
    if (tags.track() != null) {
      tags.track().vorbisFields().forEach((k, v) -> kept.add(k + "=" + v));
    }
    if (tags.lineage() != null) {
      tags.lineage().fields().forEach((k, v) -> kept.add(k + "=" + v));
    }
    List<Block> blocks = new ArrayList<>(others);
    blocks.add(1, new Block(VORBIS_COMMENT, encode(vendor, kept)));

    out.write(new byte[] {'f', 'L', 'a', 'C'});
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b.body().length > MAX_BLOCK) {
        throw new TagException("FLAC metadata block too large");
      }
      int last = i == blocks.size() - 1 ? 0x80 : 0;
      out.write(last | b.type());
      out.write(b.body().length >>> 16);
      out.write(b.body().length >>> 8 & 0xff);
      out.write(b.body().length & 0xff);
      out.write(b.body());
    }
    Channels2.copyRest(ch, parsed.audioStart(), out);
  }

  /** Whether {@code comment} ({@code KEY=value}) is one of the fields {@code tags} sets anew. */
  private static boolean replaced(String comment, TagSet tags) {
    int eq = comment.indexOf('=');
    String key = (eq < 0 ? comment : comment.substring(0, eq)).toUpperCase(Locale.ROOT);
    return tags.lineage() != null && Lineage.isOurs(key)
        || tags.track() != null && (TRACK_KEYS.contains(key) || key.equals("TOTALTRACKS"));
  }

  private static final java.util.Set<String> TRACK_KEYS =
      java.util.Set.of("TITLE", "ARTIST", "ALBUM", "TRACKNUMBER", "TRACKTOTAL");

  private static Parsed parse(FileChannel ch) throws IOException {
    List<Block> blocks = new ArrayList<>();
    long pos = 4;
    boolean last = false;
    while (!last) {
      byte[] h = Channels2.read(ch, pos, 4, "a FLAC metadata block header");
      last = (h[0] & 0x80) != 0;
      int type = h[0] & 0x7f;
      int len = (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
      if (type == 127) {
        throw new TagException("invalid FLAC metadata block type 127");
      }
      blocks.add(new Block(type, Channels2.read(ch, pos + 4, len, "a FLAC metadata block")));
      pos += 4 + len;
    }
    if (blocks.isEmpty() || blocks.get(0).type() != STREAMINFO) {
      throw new TagException("FLAC file does not start with STREAMINFO");
    }
    return new Parsed(blocks, pos);
  }

  private record Comments(String vendor, List<String> comments) {}

  private static Comments comments(byte[] body) throws TagException {
    try {
      int p = 0;
      int vlen = Channels2.le32(body, p);
      String vendor = new String(body, p + 4, vlen, StandardCharsets.UTF_8);
      p += 4 + vlen;
      int count = Channels2.le32(body, p);
      p += 4;
      List<String> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int len = Channels2.le32(body, p);
        out.add(new String(body, p + 4, len, StandardCharsets.UTF_8));
        p += 4 + len;
      }
      return new Comments(vendor, out);
    } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new TagException("malformed FLAC VORBIS_COMMENT block");
    }
  }

  private static byte[] encode(String vendor, List<String> comments) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] v = vendor.getBytes(StandardCharsets.UTF_8);
    Channels2.putLe32(b, v.length);
    b.write(v);
    Channels2.putLe32(b, comments.size());
    for (String c : comments) {
      byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
      Channels2.putLe32(b, bytes.length);
      b.write(bytes);
    }
    return b.toByteArray();
  }
}
