package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The duration of an MP4/M4A file from its box headers: {@code moov/mvhd} (the presentation's
 * timescale and duration, after edit lists) and the sound track's {@code mdhd} and {@code stsd}
 * (sample rate, channels). Boxes are found by seeking from header to header, so a {@code moov}
 * after a large {@code mdat} costs a few reads; only small boxes are read whole.
 */
final class Mp4Boxes {
  private Mp4Boxes() {}

  private record Box(String type, long start, long contentStart, long end) {}

  private record Track(long timescale, long duration, int channels, int sampleRate) {}

  static ContainerInfo probe(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      Box moov =
          child(ch, 0, size, "moov", file)
              .orElseThrow(() -> new AudioException(file, "MP4 without a moov box"));
      Box mvhd =
          child(ch, moov.contentStart(), moov.end(), "mvhd", file)
              .orElseThrow(() -> new AudioException(file, "MP4 without a mvhd box"));
      long[] movie = timing(ch, mvhd, file);
      Track sound = soundTrack(ch, moov, file);
      long timescale = movie[0];
      long duration = movie[1];
      if (timescale == 0 || duration == 0 || duration == 0xFFFF_FFFFL || duration == -1) {
        // fragmented files leave the movie's duration open; the track's may still be set
        timescale = sound.timescale();
        duration = sound.duration();
      }
      if (timescale == 0 || duration <= 0 || duration == 0xFFFF_FFFFL) {
        throw new AudioException(file, "MP4 that does not state its duration (fragmented?)");
      }
      int rate = sound.sampleRate() > 0 ? sound.sampleRate() : (int) sound.timescale();
      long frames = Math.round(duration * (double) rate / timescale);
      return new ContainerInfo(ServerFormat.AAC, "mp4", rate, sound.channels(), frames);
    }
  }

  /** The first {@code trak} whose handler is {@code soun}. */
  private static Track soundTrack(FileChannel ch, Box moov, Path file) throws IOException {
    long at = moov.contentStart();
    while (at + 8 <= moov.end()) {
      Box b = header(ch, at, moov.end(), file);
      if (b.type().equals("trak")) {
        Optional<Box> mdia = child(ch, b.contentStart(), b.end(), "mdia", file);
        if (mdia.isPresent()) {
          Optional<Box> hdlr = child(ch, mdia.get().contentStart(), mdia.get().end(), "hdlr", file);
          if (hdlr.isPresent()
              && ascii(read(ch, hdlr.get().contentStart() + 8, 4, file), 0, 4).equals("soun")) {
            return track(ch, mdia.get(), file);
          }
        }
      }
      at = b.end();
    }
    throw new AudioException(file, "MP4 without a sound track");
  }

  private static Track track(FileChannel ch, Box mdia, Path file) throws IOException {
    Box mdhd =
        child(ch, mdia.contentStart(), mdia.end(), "mdhd", file)
            .orElseThrow(() -> new AudioException(file, "MP4 sound track without mdhd"));
    long[] t = timing(ch, mdhd, file);
    int channels = 0;
    int rate = 0;
    Optional<Box> stsd = Optional.empty();
    Optional<Box> minf = child(ch, mdia.contentStart(), mdia.end(), "minf", file);
    if (minf.isPresent()) {
      Optional<Box> stbl = child(ch, minf.get().contentStart(), minf.get().end(), "stbl", file);
      if (stbl.isPresent()) {
        stsd = child(ch, stbl.get().contentStart(), stbl.get().end(), "stsd", file);
      }
    }
    if (stsd.isPresent() && stsd.get().end() - stsd.get().contentStart() >= 8 + 36) {
      // full-box header, entry count, then an AudioSampleEntry: 8 box + 6 reserved + 2 index +
      // 8 reserved, channel count, sample size, 4 reserved, rate as 16.16
      long entry = stsd.get().contentStart() + 8;
      ByteBuffer e = read(ch, entry, 36, file);
      channels = e.getShort(24) & 0xFFFF;
      rate = (int) (Integer.toUnsignedLong(e.getInt(32)) >>> 16);
      long entryEnd = Math.min(stsd.get().end(), entry + Integer.toUnsignedLong(e.getInt(0)));
      Optional<Box> esds = child(ch, entry + 36, entryEnd, "esds", file);
      if (esds.isPresent()) {
        // muxers write the entry's channel count as the template value 2 even for mono; the
        // decoder configuration says what the stream has
        int configured =
            aacChannels(
                read(
                    ch,
                    esds.get().contentStart(),
                    (int) Math.min(256, esds.get().end() - esds.get().contentStart()),
                    file));
        if (configured > 0) {
          channels = configured;
        }
      }
    }
    return new Track(t[0], t[1], Math.max(1, channels), rate);
  }

  /**
   * The channel configuration of the AudioSpecificConfig inside an {@code esds} box (ES descriptor
   * 0x03 → decoder config 0x04 → decoder specific info 0x05), or 0 when it is not there.
   */
  private static int aacChannels(ByteBuffer esds) {
    int at = 4; // full-box version and flags
    int tag = 0;
    while (at < esds.limit()) {
      tag = esds.get(at++) & 0xFF;
      int length = 0;
      for (int i = 0; i < 4 && at < esds.limit(); i++) {
        int b = esds.get(at++) & 0xFF;
        length = (length << 7) | (b & 0x7F);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (tag == 0x03) {
        int flags = at + 2 < esds.limit() ? esds.get(at + 2) & 0xFF : 0;
        at += 3;
        if ((flags & 0x80) != 0) {
          at += 2; // depends-on ES id
        }
        if ((flags & 0x40) != 0 && at < esds.limit()) {
          at += 1 + (esds.get(at) & 0xFF); // URL
        }
        if ((flags & 0x20) != 0) {
          at += 2; // OCR ES id
        }
      } else if (tag == 0x04) {
        at += 13; // object type, stream type, buffer size, max and average bitrate
      } else if (tag == 0x05) {
        if (at + 2 > esds.limit()) {
          return 0;
        }
        int bits = ((esds.get(at) & 0xFF) << 8) | (esds.get(at + 1) & 0xFF);
        int frequencyIndex = (bits >> 7) & 0xF;
        if (frequencyIndex == 15) {
          // an explicit 24-bit rate comes before the channel configuration
          if (at + 5 > esds.limit()) {
            return 0;
          }
          long wide =
              ((long) (esds.get(at) & 0xFF) << 32)
                  | ((long) (esds.get(at + 1) & 0xFF) << 24)
                  | ((esds.get(at + 2) & 0xFF) << 16)
                  | ((esds.get(at + 3) & 0xFF) << 8)
                  | (esds.get(at + 4) & 0xFF);
          return (int) ((wide >> 3) & 0xF);
        }
        int config = (bits >> 3) & 0xF;
        return config == 7 ? 8 : config;
      } else {
        at += length;
      }
    }
    return 0;
  }

  /** The timescale and duration of a {@code mvhd} or {@code mdhd} (version 0 or 1). */
  private static long[] timing(FileChannel ch, Box box, Path file) throws IOException {
    ByteBuffer b = read(ch, box.contentStart(), 32, file);
    int version = b.get(0) & 0xFF;
    if (version == 1) {
      return new long[] {Integer.toUnsignedLong(b.getInt(20)), b.getLong(24)};
    }
    return new long[] {Integer.toUnsignedLong(b.getInt(12)), Integer.toUnsignedLong(b.getInt(16))};
  }

  private static Optional<Box> child(FileChannel ch, long from, long to, String type, Path file)
      throws IOException {
    long at = from;
    while (at + 8 <= to) {
      Box b = header(ch, at, to, file);
      if (b.type().equals(type)) {
        return Optional.of(b);
      }
      at = b.end();
    }
    return Optional.empty();
  }

  private static Box header(FileChannel ch, long at, long limit, Path file) throws IOException {
    ByteBuffer h = read(ch, at, 8, file);
    long size = Integer.toUnsignedLong(h.getInt(0));
    String type = ascii(h, 4, 4);
    long content = at + 8;
    if (size == 1) {
      size = read(ch, at + 8, 8, file).getLong(0);
      content = at + 16;
    } else if (size == 0) {
      size = limit - at; // to the end of the enclosing box (or file)
    }
    if (size < content - at || at + size > limit) {
      throw new AudioException(file, "broken MP4 box '" + type + "' at byte " + at);
    }
    return new Box(type, at, content, at + size);
  }

  private static String ascii(ByteBuffer b, int at, int n) {
    byte[] s = new byte[n];
    for (int i = 0; i < n; i++) {
      s[i] = b.get(at + i);
    }
    return new String(s, StandardCharsets.ISO_8859_1);
  }

  private static ByteBuffer read(FileChannel ch, long at, int n, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.BIG_ENDIAN);
    long p = at;
    while (b.hasRemaining()) {
      int r = ch.read(b, p);
      if (r < 0) {
        throw new AudioException(file, "truncated MP4 at byte " + p);
      }
      p += r;
    }
    b.flip();
    return b;
  }
}
