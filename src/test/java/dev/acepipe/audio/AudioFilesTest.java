package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioFilesTest {
  @TempDir Path dir;

  /** Two seconds of a chirp with some noise: non-trivial for a lossless coder, deterministic. */
  private static Pcm chirp(int frames) {
    short[] s = new short[frames * 2];
    long noise = 12345;
    for (int i = 0; i < frames; i++) {
      double t = i / 48_000.0;
      noise = noise * 6364136223846793005L + 1442695040888963407L;
      double n = ((noise >>> 40) / (double) (1L << 24) - 0.5) * 0.05;
      s[2 * i] =
          (short) Math.round(12_000 * Math.sin(2 * Math.PI * (220 + 200 * t) * t) + 3000 * n);
      s[2 * i + 1] = (short) Math.round(9_000 * Math.sin(2 * Math.PI * 330 * t) - 3000 * n);
    }
    return Pcm.adopt(48_000, 2, s);
  }

  @Test
  void flacDecodesBackToTheSamePcm() throws IOException {
    Pcm original = chirp(96_001);
    Path file = dir.resolve("a.flac");

    AudioFiles.write(original, AudioFormat.FLAC, file);
    Pcm decoded = AudioFiles.read(file);

    assertThat(decoded.frames()).isEqualTo(original.frames());
    assertThat(decoded.sameAudio(original)).isTrue();
  }

  @Test
  void wavRoundTripsExactlyAndProbesFromTheHeader() throws IOException {
    Pcm original = chirp(48_000 * 3 + 7);
    Path file = dir.resolve("a.wav");

    AudioFiles.write(original, AudioFormat.WAV, file);

    assertThat(AudioFiles.read(file).sameAudio(original)).isTrue();
    assertThat(AudioFiles.probe(file))
        .isEqualTo(new AudioInfo(AudioFormat.WAV, 48_000, 2, 48_000 * 3 + 7));
    assertThat(Files.size(file)).isEqualTo(44 + (48_000 * 3 + 7) * 4L);
  }

  @Test
  void flacProbeReadsStreamInfo() throws IOException {
    Path file = dir.resolve("a.flac");
    AudioFiles.write(chirp(50_000), AudioFormat.FLAC, file);

    AudioInfo info = AudioFiles.probe(file);

    assertThat(info).isEqualTo(new AudioInfo(AudioFormat.FLAC, 48_000, 2, 50_000));
    assertThat(info.durationSeconds())
        .isCloseTo(50_000 / 48_000.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void mp3DecodesToAboutTheWrittenDuration() throws IOException {
    Pcm original = chirp(48_000 * 4);
    Path file = dir.resolve("a.mp3");

    AudioFiles.write(original, AudioFormat.MP3, file);
    Pcm decoded = AudioFiles.read(file);
    AudioInfo probed = AudioFiles.probe(file);

    assertThat(decoded.sampleRate()).isEqualTo(48_000);
    assertThat(decoded.channels()).isEqualTo(2);
    assertThat(decoded.durationSeconds()).isBetween(3.95, 4.1);
    assertThat(probed.format()).isEqualTo(AudioFormat.MP3);
    assertThat(probed.durationSeconds()).isBetween(3.95, 4.1);
  }

  @Test
  void writesLeaveNoTempFilesBehind() throws IOException {
    AudioFiles.write(chirp(1000), AudioFormat.WAV, dir.resolve("x.wav"));
    AudioFiles.write(chirp(1000), AudioFormat.FLAC, dir.resolve("x.flac"));
    AudioFiles.write(chirp(1000), AudioFormat.MP3, dir.resolve("x.mp3"));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("x.wav", "x.flac", "x.mp3");
    }
  }

  @Test
  void unfinishedSinkDeletesItsTempFile() throws IOException {
    try (AudioSink sink = AudioFiles.openSink(AudioFormat.FLAC, dir.resolve("y.flac"), 48_000, 2)) {
      sink.write(new short[200], 0, 100);
    }

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void rejectsFilesThatAreNotAudioNamingTheFile() throws IOException {
    Path file = dir.resolve("notes.wav");
    Files.writeString(file, "just some text, not audio", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AudioFiles.read(file))
        .isInstanceOf(AudioException.class)
        .hasMessageContaining("notes.wav");
    assertThatThrownBy(() -> AudioFiles.probe(dir.resolve("missing.flac")))
        .hasMessageContaining("no such file");
  }

  @Test
  void sha256IsTheHexDigestOfTheBytes() throws IOException {
    Path file = dir.resolve("abc");
    Files.writeString(file, "abc", StandardCharsets.US_ASCII);

    assertThat(AudioFiles.sha256(file))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void formatLookupAcceptsNamesAndExtensions() {
    assertThat(AudioFormat.byName("FLAC")).contains(AudioFormat.FLAC);
    assertThat(AudioFormat.byName(".wav")).contains(AudioFormat.WAV);
    assertThat(AudioFormat.byName("ogg")).isEmpty();
    assertThat(AudioFormat.byExtension(Path.of("out/song.Mp3"))).contains(AudioFormat.MP3);
  }

  @Test
  void toCanonicalDuplicatesMonoAndResamples() {
    Pcm mono = Pcm.of(24_000, 1, new short[] {0, 100, 200, 300});

    Pcm canonical = mono.toCanonical();

    assertThat(canonical.sampleRate()).isEqualTo(48_000);
    assertThat(canonical.channels()).isEqualTo(2);
    assertThat(canonical.frames()).isEqualTo(8);
    assertThat(canonical.sample(1, 0)).isEqualTo((short) 50);
    assertThat(canonical.sample(1, 1)).isEqualTo((short) 50);
  }

  @Test
  void waveformSummarisesMinAndMaxPerBucket() {
    Pcm pcm = Pcm.of(48_000, 2, new short[] {0, 16384, -16384, 0, 8192, 8192, 0, 0});

    Waveform w = Waveform.of(pcm, 2);

    assertThat(w.buckets()).isEqualTo(2);
    assertThat(w.min()).containsExactly(-0.5f, 0f);
    assertThat(w.max()).containsExactly(0.5f, 0.25f);
  }
}
