package dev.acepipe.audio.tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WAV at the container level: {@code RIFF <size> WAVE}, then chunks ({@code id}, little-endian
 * size, body, a pad byte when the size is odd). The lineage goes into a {@code LIST}/{@code INFO}
 * chunk inserted right before the {@code data} chunk: {@code ISFT} = "acepipe VERSION" and {@code
 * ICMT} = the {@code KEY=value} lines (UTF-8). Other INFO items are kept; every other chunk, and
 * everything from {@code data} to the end of the file, is copied byte for byte (so even a data
 * chunk with a streamed size survives). The RIFF size is recomputed.
 */
final class WavTags {
  private static final String LINEAGE_HEADER = "acepipe-lineage/1";

  private WavTags() {}

  private record Chunk(String id, long bodyStart, long size) {}

  static Map<String, String> read(FileChannel ch) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Map<String, String> info : infoLists(ch)) {
      String comment = info.getOrDefault("ICMT", "");
      if (comment.startsWith(LINEAGE_HEADER + "\n")) {
        for (String line : comment.split("\n")) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            fields.put(line.substring(0, eq), line.substring(eq + 1));
          }
        }
      }
    }
    return fields;
  }

  /** Every LIST/INFO item ({@code INAM}, {@code ICMT} ...) by id. */
  static Map<String, String> readInfo(FileChannel ch) throws IOException {
    Map<String, String> items = new LinkedHashMap<>();
    infoLists(ch).forEach(items::putAll);
    return items;
  }

  /** The items of each LIST/INFO chunk, in file order. */
  private static List<Map<String, String>> infoLists(FileChannel ch) throws IOException {
    List<Map<String, String>> lists = new ArrayList<>();
    long pos = 12;
    long fileSize = ch.size();
    while (pos + 8 <= fileSize) {
      Chunk c = chunkAt(ch, pos);
      if (isInfoList(ch, c)) {
        lists.add(infoItems(ch, c));
      }
      pos = c.bodyStart() + c.size() + (c.size() & 1);
    }
    return lists;
  }

  static void write(FileChannel ch, OutputStream out, TagSet tags) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    Map<String, String> info = new LinkedHashMap<>();
    long pos = 12;
    long fileSize = ch.size();
    Chunk data = null;
    while (pos + 8 <= fileSize) {
      Chunk c = chunkAt(ch, pos);
      if (c.id().equals("data")) {
        data = c;
        break;
      }
      long next = c.bodyStart() + c.size() + (c.size() & 1);
      if (next > fileSize) {
        throw new TagException("WAV chunk '" + c.id() + "' runs past the end of the file");
      }
      if (isInfoList(ch, c)) {
        info.putAll(infoItems(ch, c));
      } else {
        head.write(Channels2.read(ch, pos, (int) (next - pos), "a WAV chunk"));
      }
      pos = next;
    }
    if (data == null) {
      throw new TagException("WAV file has no data chunk");
    }
    if (tags.track() != null) {
      for (String id : new String[] {"INAM", "IART", "IPRD", "ITRK"}) {
        info.remove(id);
      }
      info.putAll(tags.track().infoItems());
    }
    Lineage lineage = tags.lineage();
    if (lineage != null) {
      info.remove("ICMT");
      info.remove("ISFT");
      info.put("ISFT", "acepipe " + lineage.acepipeVersion());
      StringBuilder comment = new StringBuilder(LINEAGE_HEADER);
      lineage.fields().forEach((k, v) -> comment.append('\n').append(k).append('=').append(v));
      info.put("ICMT", comment.toString());
    }
    byte[] list = infoList(info);

    long newSize = 4L + head.size() + list.length + (fileSize - pos);
    if (newSize > 0xffff_ffffL) {
      throw new TagException("WAV file too large for a RIFF header");
    }
    out.write(new byte[] {'R', 'I', 'F', 'F'});
    Channels2.putLe32(out, newSize);
    out.write(new byte[] {'W', 'A', 'V', 'E'});
    head.writeTo(out);
    out.write(list);
    Channels2.copyRest(ch, pos, out);
  }

  private static Chunk chunkAt(FileChannel ch, long pos) throws IOException {
    byte[] h = Channels2.read(ch, pos, 8, "a WAV chunk header");
    return new Chunk(
        new String(h, 0, 4, StandardCharsets.US_ASCII),
        pos + 8,
        Channels2.le32(h, 4) & 0xffff_ffffL);
  }

  private static boolean isInfoList(FileChannel ch, Chunk c) throws IOException {
    if (!c.id().equals("LIST") || c.size() < 4 || c.bodyStart() + 4 > ch.size()) {
      return false;
    }
    return new String(
            Channels2.read(ch, c.bodyStart(), 4, "a LIST chunk"), StandardCharsets.US_ASCII)
        .equals("INFO");
  }

  private static Map<String, String> infoItems(FileChannel ch, Chunk list) throws IOException {
    if (list.size() > 1 << 20) {
      throw new TagException("WAV LIST/INFO chunk is implausibly large");
    }
    byte[] body = Channels2.read(ch, list.bodyStart(), (int) list.size(), "a LIST/INFO chunk");
    Map<String, String> items = new LinkedHashMap<>();
    int p = 4;
    while (p + 8 <= body.length) {
      String id = new String(body, p, 4, StandardCharsets.US_ASCII);
      int len = Channels2.le32(body, p + 4);
      if (len < 0 || p + 8 + len > body.length) {
        throw new TagException("malformed WAV INFO item '" + id + "'");
      }
      int end = p + 8 + len;
      while (end > p + 8 && body[end - 1] == 0) {
        end--;
      }
      items.put(id, new String(body, p + 8, end - p - 8, StandardCharsets.UTF_8));
      p += 8 + len + (len & 1);
    }
    return items;
  }

  private static byte[] infoList(Map<String, String> items) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {'I', 'N', 'F', 'O'});
    for (Map.Entry<String, String> e : items.entrySet()) {
      byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
      int len = text.length + 1;
      body.write(e.getKey().getBytes(StandardCharsets.US_ASCII));
      Channels2.putLe32(body, len);
      body.write(text);
      body.write(0);
      if ((len & 1) == 1) {
        body.write(0);
      }
    }
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    chunk.write(new byte[] {'L', 'I', 'S', 'T'});
    Channels2.putLe32(chunk, body.size());
    body.writeTo(chunk);
    return chunk.toByteArray();
  }
}
