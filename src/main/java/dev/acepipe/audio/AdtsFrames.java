package dev.acepipe.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The duration of a raw AAC (ADTS) file: frame headers are walked one after the other (each says
 * its length), and every raw data block decodes to 1024 samples at the header's rate. ADTS does not
 * signal the encoder's priming samples, so the length includes them (about 1024 samples, 21 ms at
 * 48 kHz). Reads headers only, through one small buffer.
 */
final class AdtsFrames {
  private AdtsFrames() {}

  private static final int[] RATES = {
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
  };

  static ContainerInfo probe(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      long pos = skipId3(in, file);
      byte[] h = new byte[7];
      int rate = 0;
      int channels = 0;
      long samples = 0;
      long frames = 0;
      while (pos + 7 <= size) {
        readFully(in, h, file);
        if ((h[0] & 0xFF) != 0xFF || (h[1] & 0xF6) != 0xF0) {
          if (frames > 0 && (startsWith(h, "TAG") || startsWith(h, "APETAGE"))) {
            break; // a trailing tag after the last frame
          }
          throw new AudioException(file, "no ADTS frame at byte " + pos + " (not raw AAC?)");
        }
        int index = (h[2] >> 2) & 0xF;
        int config = ((h[2] & 1) << 2) | ((h[3] & 0xFF) >> 6);
        int length = ((h[3] & 3) << 11) | ((h[4] & 0xFF) << 3) | ((h[5] & 0xFF) >> 5);
        int blocks = (h[6] & 3) + 1;
        if (index >= RATES.length || length < 7) {
          throw new AudioException(file, "broken ADTS frame header at byte " + pos);
        }
        if (config == 0) {
          throw new AudioException(
              file, "ADTS frame at byte " + pos + " declares its channels in-band; not supported");
        }
        if (pos + length > size) {
          break; // a frame cut off at the end does not decode
        }
        if (frames == 0) {
          rate = RATES[index];
          channels = config == 7 ? 8 : config;
        }
        samples += 1024L * blocks;
        frames++;
        in.skipNBytes(length - 7);
        pos += length;
      }
      if (frames == 0) {
        throw new AudioException(file, "ADTS file without a whole frame");
      }
      return new ContainerInfo(ServerFormat.AAC, "adts", rate, channels, samples);
    }
  }

  /** Skips a leading ID3v2 tag; returns the position after it. */
  private static long skipId3(InputStream in, Path file) throws IOException {
    in.mark(10);
    byte[] t = in.readNBytes(10);
    if (t.length == 10 && startsWith(t, "ID3")) {
      long tagSize =
          ((t[6] & 0x7F) << 21) | ((t[7] & 0x7F) << 14) | ((t[8] & 0x7F) << 7) | (t[9] & 0x7F);
      long skip = tagSize + ((t[5] & 0x10) != 0 ? 10 : 0);
      in.skipNBytes(skip);
      return 10 + skip;
    }
    in.reset();
    return 0;
  }

  private static boolean startsWith(byte[] b, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (i >= b.length || b[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static void readFully(InputStream in, byte[] b, Path file) throws IOException {
    try {
      int n = in.readNBytes(b, 0, b.length);
      if (n < b.length) {
        throw new EOFException();
      }
    } catch (EOFException e) {
      throw new AudioException(file, "truncated ADTS frame header", e);
    }
  }
}
