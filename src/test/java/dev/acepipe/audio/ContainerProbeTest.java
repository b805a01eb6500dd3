package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContainerProbe} on files ffmpeg encodes, against what ffprobe reads from the same files.
 */
class ContainerProbeTest {
  @TempDir Path dir;

  private static boolean ffmpeg;

  @BeforeAll
  static void findFfmpeg() {
    ffmpeg = runs("ffmpeg", "-version") && runs("ffprobe", "-version");
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
    return out.strip();
  }

  /** A sine of {@code seconds} at {@code rate}, encoded by ffmpeg into {@code name}. */
  private Path encode(String name, double seconds, int rate, int channels, String... codec)
      throws Exception {
    assumeThat(ffmpeg).as("ffmpeg and ffprobe on the PATH").isTrue();
    Path out = dir.resolve(name);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=" + seconds + ":sample_rate=" + rate,
                "-ac",
                String.valueOf(channels)));
    cmd.addAll(List.of(codec));
    cmd.add(out.toString());
    run(cmd.toArray(String[]::new));
    return out;
  }

  private static double ffprobeDuration(Path file) throws Exception {
    return Double.parseDouble(
        run(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
            file.toString()));
  }

  /** The packets ffprobe reads from the file's audio stream. */
  private static long ffprobePackets(Path file) throws Exception {
    return Long.parseLong(
        run(
            "ffprobe",
            "-v",
            "error",
            "-count_packets",
            "-select_streams",
            "a:0",
            "-show_entries",
            "stream=nb_read_packets",
            "-of",
            "csv=p=0",
            file.toString()));
  }

  @Test
  void anOggOpusTakeLastsItsFinalGranuleMinusThePreSkipAt48kHz() throws Exception {
    Path opus = encode("take.opus", 3.3, 44100, 2, "-c:a", "libopus");

    ContainerInfo info = ContainerProbe.probe(opus, ServerFormat.OPUS);

    assertThat(info.container()).isEqualTo("ogg-opus");
    assertThat(info.sampleRate()).isEqualTo(48000);
    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.durationSeconds()).isCloseTo(3.3, within(0.001));
    // ffprobe counts the decoder's pre-skip (312 samples from libopus) into the length
    assertThat(info.durationSeconds() + 312 / 48000.0)
        .isCloseTo(ffprobeDuration(opus), within(0.001));
  }

  @Test
  void aLongOpusTakeIsProbedFromItsTailWithoutReadingItWhole() throws Exception {
    Path opus = encode("long.opus", 95.25, 48000, 1, "-c:a", "libopus", "-b:a", "96k");

    double seconds = ContainerProbe.duration(opus, ServerFormat.OPUS);

    assertThat(Files.size(opus)).isGreaterThan(4 * 65536);
    assertThat(seconds).isCloseTo(95.25, within(0.001));
    assertThat(seconds).isCloseTo(ffprobeDuration(opus) - 312 / 48000.0, within(0.001));
  }

  @Test
  void anAdtsTakeLasts1024SamplesPerFrameAsFfprobeCountsThem() throws Exception {
    Path aac = encode("take.aac", 4.0, 48000, 2, "-c:a", "aac");

    ContainerInfo info = ContainerProbe.probe(aac, ServerFormat.AAC);

    assertThat(info.container()).isEqualTo("adts");
    assertThat(info.sampleRate()).isEqualTo(48000);
    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.frames()).isEqualTo(ffprobePackets(aac) * 1024);
    // ffprobe estimates an ADTS file's length from its bitrate; the frame count is exact
    assertThat(info.durationSeconds()).isCloseTo(ffprobeDuration(aac), within(0.05));
    assertThat(info.durationSeconds()).isBetween(4.0, 4.0 + 3 * 1024 / 48000.0);
  }

  @Test
  void anM4aTakeLastsWhatItsMovieHeaderSays() throws Exception {
    Path m4a = encode("take.m4a", 3.3, 44100, 1, "-c:a", "aac");

    ContainerInfo info = ContainerProbe.probe(m4a, ServerFormat.AAC);

    assertThat(info.container()).isEqualTo("mp4");
    assertThat(info.sampleRate()).isEqualTo(44100);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.durationSeconds()).isCloseTo(ffprobeDuration(m4a), within(0.001));
  }

  @Test
  void anM4aWithItsMovieBoxAtTheStartIsProbedAlike() throws Exception {
    Path m4a = encode("fast.m4a", 2.5, 48000, 2, "-c:a", "aac", "-movflags", "+faststart");

    double seconds = ContainerProbe.duration(m4a, ServerFormat.AAC);

    assertThat(seconds).isCloseTo(ffprobeDuration(m4a), within(0.001));
  }

  @Test
  void aFloatWavTakeIsProbedFromItsChunks() throws Exception {
    Path wav = encode("take.wav", 3.3, 48000, 2, "-c:a", "pcm_f32le");

    ContainerInfo info = ContainerProbe.probe(wav, ServerFormat.WAV32);

    assertThat(info.sampleRate()).isEqualTo(48000);
    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.frames()).isEqualTo(158400);
    assertThat(info.durationSeconds()).isCloseTo(ffprobeDuration(wav), within(0.0001));
  }

  @Test
  void aFloatWavTakeDecodesAndProbesThroughAudioFilesToo() throws Exception {
    Path wav = encode("float.wav", 1.5, 48000, 2, "-c:a", "pcm_f32le");

    AudioInfo info = AudioFiles.probe(wav);
    Pcm pcm = AudioFiles.read(wav).toCanonical();

    assertThat(info.frames()).isEqualTo(72000);
    assertThat(pcm.frames()).isEqualTo(72000);
    assertThat(pcm.samples().get(1000)).as("a sine, not silence").isNotZero();
  }

  @Test
  void aTakeThatIsNotWhatItsFormatSaysIsRefusedNamingWhatItStartsWith() throws Exception {
    Path wav = encode("take.wav", 1.0, 48000, 1, "-c:a", "pcm_s16le");
    Path garbage = Files.write(dir.resolve("garbage.aac"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

    assertThatThrownBy(() -> ContainerProbe.probe(wav, ServerFormat.OPUS))
        .isInstanceOf(AudioException.class)
        .hasMessageContaining("take.wav")
        .hasMessageContaining("expected an Ogg Opus file for audio format 'opus'")
        .hasMessageContaining("starts with \"RIFF");
    assertThatThrownBy(() -> ContainerProbe.probe(garbage, ServerFormat.AAC))
        .isInstanceOf(AudioException.class)
        .hasMessageContaining("raw AAC (ADTS) or an MP4/M4A file");
  }

  @Test
  void aFormatThatCannotBeProbedIsRefusedNamingTheOnesThatCan() {
    assertThat(ServerFormat.require("WAV32")).isEqualTo(ServerFormat.WAV32);
    assertThat(ServerFormat.WAV32.extension()).isEqualTo("wav");
    assertThat(ServerFormat.OPUS.codec()).isEmpty();
    assertThatThrownBy(() -> ServerFormat.require("ogg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "audio format 'ogg' cannot be probed for its duration, so its takes could not be"
                + " checked; use one of mp3, wav, flac, opus, aac, wav32");
  }

  @Test
  void mp3AndFlacTakesAreProbedAsAudioFilesProbesThem() throws Exception {
    Path flac = encode("take.flac", 2.0, 48000, 2, "-c:a", "flac");

    ContainerInfo info = ContainerProbe.probe(flac, ServerFormat.FLAC);

    assertThat(info.frames()).isEqualTo(96000);
    assertThat(info.durationSeconds()).isCloseTo(ffprobeDuration(flac), within(0.0001));
  }
}
