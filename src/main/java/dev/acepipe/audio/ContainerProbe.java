package dev.acepipe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The duration of a take in any {@link ServerFormat}, read from its container without decoding: Ogg
 * pages for Opus ({@code OggPages}), ADTS frames or MP4 boxes for AAC ({@code AdtsFrames}, {@code
 * Mp4Boxes}), the RIFF chunks for 16-bit and 32-bit float WAV, and {@link AudioFiles#probe} for MP3
 * and FLAC. Memory stays bounded by a window of at most 128 KiB whatever the file's length.
 *
 * <p>The file must hold what its format says: an {@code opus} take that is not Ogg Opus, say, is an
 * {@link AudioException} naming the file and what it starts with.
 */
public final class ContainerProbe {
  private ContainerProbe() {}

  /** Length of {@code file} in seconds. */
  public static double duration(Path file, ServerFormat format) throws IOException {
    return probe(file, format).durationSeconds();
  }

  /** What {@code file}'s container says: rate, channels and length. */
  public static ContainerInfo probe(Path file, ServerFormat format) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(12);
    }
    String magic = new String(head, StandardCharsets.ISO_8859_1);
    return switch (format) {
      case OPUS -> {
        expect(file, format, magic.startsWith("OggS"), magic);
        yield OggPages.probe(file);
      }
      case AAC -> {
        if (magic.length() >= 8 && magic.startsWith("ftyp", 4)) {
          yield Mp4Boxes.probe(file);
        }
        boolean adts =
            magic.startsWith("ID3")
                || (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0);
        expect(file, format, adts, magic);
        yield AdtsFrames.probe(file);
      }
      case WAV, WAV32 -> {
        expect(file, format, magic.startsWith("RIFF") && magic.startsWith("WAVE", 8), magic);
        yield of(format, "wav", WavFiles.probe(file));
      }
      case MP3, FLAC -> of(format, format.wireName(), AudioFiles.probe(file));
    };
  }

  private static ContainerInfo of(ServerFormat format, String container, AudioInfo info) {
    return new ContainerInfo(format, container, info.sampleRate(), info.channels(), info.frames());
  }

  private static void expect(Path file, ServerFormat format, boolean ok, String magic)
      throws AudioException {
    if (!ok) {
      throw new AudioException(
          file,
          "expected "
              + switch (format) {
                case OPUS -> "an Ogg Opus file";
                case AAC -> "raw AAC (ADTS) or an MP4/M4A file";
                case WAV, WAV32 -> "a RIFF/WAVE file";
                case MP3, FLAC -> format.wireName();
              }
              + " for audio format '"
              + format.wireName()
              + "', but it starts with "
              + printable(magic));
    }
  }

  private static String printable(String magic) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : magic.substring(0, Math.min(8, magic.length())).toCharArray()) {
      b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return b.append('"').toString();
  }
}
