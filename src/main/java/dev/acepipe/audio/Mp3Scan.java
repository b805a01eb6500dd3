package dev.acepipe.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts MPEG audio frames by walking frame headers, so probing an MP3 never decodes it. */
final class Mp3Scan {
  private static final int[][] KBPS = { // [mpeg1 ? 0 : 1][index], layer III
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1},
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1}
  };
  private static final int[] RATES = {44_100, 48_000, 32_000};

  private Mp3Scan() {}

  static AudioInfo probe(Path file) throws IOException {
    byte[] all;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      all = in.readAllBytes();
    }
    int pos = 0;
    if (all.length >= 10 && all[0] == 'I' && all[1] == 'D' && all[2] == '3') {
      pos =
          10
              + ((all[6] & 0x7F) << 21
                  | (all[7] & 0x7F) << 14
                  | (all[8] & 0x7F) << 7
                  | (all[9] & 0x7F));
    }
    long frames = 0;
    int rate = 0;
    int channels = 0;
    while (pos + 4 <= all.length) {
      int h =
          (all[pos] & 0xFF) << 24
              | (all[pos + 1] & 0xFF) << 16
              | (all[pos + 2] & 0xFF) << 8
              | (all[pos + 3] & 0xFF);
      int version = (h >>> 19) & 3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
      int layer = (h >>> 17) & 3; // 1 = layer III
      int bitrateIndex = (h >>> 12) & 15;
      int rateIndex = (h >>> 10) & 3;
      if ((h >>> 21) != 0x7FF
          || version == 1
          || layer != 1
          || rateIndex == 3
          || KBPS[version == 3 ? 0 : 1][bitrateIndex] <= 0) {
        pos++; // resynchronise on garbage
        continue;
      }
      int frameRate = RATES[rateIndex] >> (version == 3 ? 0 : version == 2 ? 1 : 2);
      int samplesPerFrame = version == 3 ? 1152 : 576;
      int padding = (h >>> 9) & 1;
      int bytes =
          samplesPerFrame / 8 * KBPS[version == 3 ? 0 : 1][bitrateIndex] * 1000 / frameRate
              + padding;
      rate = frameRate;
      channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
      frames += samplesPerFrame;
      pos += bytes;
    }
    if (rate == 0) {
      throw new AudioException(file, "no MPEG layer III frames found");
    }
    return new AudioInfo(AudioFormat.MP3, rate, channels, frames);
  }
}
