package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlacSinkTest {
  @TempDir Path dir;

  private Pcm roundTrip(Pcm pcm) throws IOException {
    Path file = dir.resolve("t.flac");
    AudioFiles.write(pcm, AudioFormat.FLAC, file);
    return AudioFiles.read(file);
  }

  private static short[] noise(int samples, int amplitude, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    short[] s = new short[samples];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) rng.nextInt(-amplitude, amplitude + 1);
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 5, 4095, 4096, 4097, 12_345})
  void fullScaleNoiseOfAnyLengthDecodesBitExact(int frames) throws IOException {
    Pcm pcm = Pcm.adopt(48_000, 2, noise(frames * 2, 32_767, frames));

    Pcm decoded = roundTrip(pcm);

    assertThat(decoded.sameAudio(pcm)).isTrue();
  }

  @Test
  void extremeSamplesWithAlternatingSignsDecodeBitExact() throws IOException {
    short[] s = new short[8192 * 2];
    for (int i = 0; i < s.length; i++) {
      s[i] =
          (i / 2) % 2 == 0
              ? Short.MAX_VALUE
              : Short.MIN_VALUE; // the largest side and predictor residuals
      if (i % 2 == 1) {
        s[i] = (short) ~s[i - 1];
      }
    }
    Pcm pcm = Pcm.adopt(48_000, 2, s);

    assertThat(roundTrip(pcm).sameAudio(pcm)).isTrue();
  }

  @Test
  void identicalAndSilentChannelsDecodeBitExactAndCompressWell() throws IOException {
    short[] s = new short[48_000 * 2];
    for (int i = 0; i < 48_000; i++) {
      short v = (short) Math.round(8000 * Math.sin(i * 0.05));
      s[2 * i] = i < 24_000 ? v : 0;
      s[2 * i + 1] = i < 24_000 ? v : 0;
    }
    Pcm pcm = Pcm.adopt(48_000, 2, s);
    Path file = dir.resolve("mono-like.flac");

    AudioFiles.write(pcm, AudioFormat.FLAC, file);

    assertThat(AudioFiles.read(file).sameAudio(pcm)).isTrue();
    assertThat(Files.size(file)).isLessThan(s.length * 2L / 4);
  }

  @Test
  void monoAndOtherRatesDecodeBitExact() throws IOException {
    Pcm pcm = Pcm.adopt(22_050, 1, noise(10_000, 3000, 9));

    Pcm decoded = roundTrip(pcm);

    assertThat(decoded.sampleRate()).isEqualTo(22_050);
    assertThat(decoded.sameAudio(pcm)).isTrue();
  }

  @Test
  void streamInfoHoldsTheSampleCountAndTheMd5OfTheAudio()
      throws IOException, NoSuchAlgorithmException {
    short[] s = noise(5000 * 2, 2000, 3);
    Path file = dir.resolve("info.flac");

    AudioFiles.write(Pcm.adopt(48_000, 2, s), AudioFormat.FLAC, file);

    byte[] head = Arrays.copyOf(Files.readAllBytes(file), 42);
    ByteBuffer info = ByteBuffer.wrap(head, 8, 34);
    info.position(8 + 10);
    long packed = info.getLong();
    assertThat(packed >>> 44).isEqualTo(48_000);
    assertThat(packed & 0xFFFFFFFFFL).isEqualTo(5000);
    ByteBuffer le = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    le.asShortBuffer().put(s);
    byte[] expected = MessageDigest.getInstance("MD5").digest(le.array());
    assertThat(Arrays.copyOfRange(head, 26, 42)).isEqualTo(expected);
  }

  @Test
  void writesInAnyChunkingGiveTheSameBytes() throws IOException {
    short[] s = noise(20_000 * 2, 5000, 4);
    Path whole = dir.resolve("whole.flac");
    Path pieces = dir.resolve("pieces.flac");

    AudioFiles.write(Pcm.adopt(48_000, 2, s), AudioFormat.FLAC, whole);
    try (AudioSink sink = AudioFiles.openSink(AudioFormat.FLAC, pieces, 48_000, 2)) {
      for (int f = 0, step = 1; f < 20_000; f += step, step = step * 3 % 5000 + 1) {
        sink.write(s, f, Math.min(step, 20_000 - f));
      }
      sink.commit();
    }

    assertThat(Files.readAllBytes(pieces)).isEqualTo(Files.readAllBytes(whole));
  }
}
