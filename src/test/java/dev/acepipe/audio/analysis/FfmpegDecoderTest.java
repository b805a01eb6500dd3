package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.PcmStream;
import dev.acepipe.server.synth.SynthRequests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg as the checks' MP3 decoder: it measures what the Java decoder measures (within what two
 * decoders of the same bits differ by), a stream measures what the file does, bad bytes and an
 * abandoned download end it with an error rather than a hang, and the environment chooses it.
 * Skipped where ffmpeg is not installed ({@code .ci/run} installs Debian's).
 */
class FfmpegDecoderTest {
  private static final Set<AudioAnalyzer.Extra> EVERY = EnumSet.allOf(AudioAnalyzer.Extra.class);

  @TempDir static Path dir;
  private static Path mp3;
  private static FfmpegDecoder ffmpeg;

  @BeforeAll
  static void render() throws IOException {
    Optional<FfmpegDecoder> found = FfmpegDecoder.find(System.getenv());
    assumeTrue(found.isPresent(), "ffmpeg is not installed");
    ffmpeg = found.get();
    Path wav = dir.resolve("take.wav");
    SynthRequests.of("text2music", "house, piano stabs, four on the floor")
        .lyrics("[inst]")
        .durationSeconds(20)
        .bpm(124)
        .renderTo(wav, 5);
    mp3 = dir.resolve("take.mp3");
    AudioFiles.write(AudioFiles.read(wav), AudioFormat.MP3, mp3);
  }

  @Test
  void measuresWhatTheJavaDecoderMeasures() throws IOException {
    AudioAnalyzer analyzer = new AudioAnalyzer(EVERY, AudioAnalyzer.DEFAULT_SILENCE_DBFS);
    AudioAnalysis java = analyzer.analyze(mp3);
    AudioAnalysis fast;
    try (PcmStream pcm = ffmpeg.open(mp3)) {
      assertThat(pcm.sampleRate()).isEqualTo(48_000);
      assertThat(pcm.channels()).isEqualTo(2);
      fast = analyzer.analyze(pcm);
    }
    // The Java decoder scales its output by 32700/32768 (-0.018 dB); FFmpeg's is full scale.
    assertThat(fast.integratedLufs() - java.integratedLufs()).isBetween(0.0, 0.03);
    assertThat(fast.truePeakDbtp() - java.truePeakDbtp()).isBetween(0.0, 0.03);
    assertThat(fast.samplePeakDbfs() - java.samplePeakDbfs()).isBetween(0.0, 0.03);
    assertThat(fast.loudnessRangeLu()).isCloseTo(java.loudnessRangeLu(), within(0.05));
    assertThat(fast.tempoBpm()).isCloseTo(java.tempoBpm(), within(0.5));
    assertThat(fast.longestSilenceSeconds()).isCloseTo(java.longestSilenceSeconds(), within(0.02));
    // acepipe's encoder writes no gapless header, so both decoders give every frame.
    assertThat(fast.durationSeconds()).isCloseTo(java.durationSeconds(), within(0.001));
  }

  @Test
  void aStreamInSmallPiecesMeasuresWhatTheFileDoes() throws IOException {
    AudioAnalyzer analyzer = new AudioAnalyzer(EVERY, AudioAnalyzer.DEFAULT_SILENCE_DBFS);
    AudioAnalysis file;
    try (PcmStream pcm = ffmpeg.open(mp3)) {
      file = analyzer.analyze(pcm);
    }
    AudioAnalysis streamed;
    byte[] bytes = Files.readAllBytes(mp3);
    try (StreamingAnalysis live = new StreamingAnalysis(analyzer, ffmpeg)) {
      for (int at = 0; at < bytes.length; at += 1_777) {
        live.write(bytes, at, Math.min(1_777, bytes.length - at));
      }
      streamed = live.finish();
    }
    assertThat(streamed).isEqualTo(file);
  }

  @Test
  void bytesThatAreNotAnMp3FailWithFfmpegsReason() {
    byte[] noise = new byte[200_000];
    new java.util.Random(3).nextBytes(noise);
    assertThatThrownBy(() -> measured(ffmpeg, new ByteArrayInputStream(noise)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("FFmpeg");
  }

  @Test
  void aSourceThatFailsMidwayFailsTheDecodeInsteadOfEndingItEarly() throws IOException {
    byte[] bytes = Files.readAllBytes(mp3);
    InputStream breaks =
        new InputStream() {
          private int at;

          @Override
          public int read() throws IOException {
            if (at >= bytes.length / 2) {
              throw new IOException("connection reset");
            }
            return bytes[at++] & 0xFF;
          }
        };
    assertThatThrownBy(() -> measured(ffmpeg, breaks))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connection reset");
  }

  @Test
  void anAbandonedDownloadEndsTheAnalysisAndLeavesNoProcessOrThread() throws Exception {
    byte[] bytes = Files.readAllBytes(mp3);
    StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer(), ffmpeg);
    live.write(bytes, 0, bytes.length / 3);
    live.close();
    assertThatThrownBy(live::finish).isInstanceOf(IOException.class);
    assertNothingLeftRunning();
  }

  @Test
  void anAnalysisThatFailsOnFfmpegsOutputStopsTheFeederAndTheProcess() throws Exception {
    // Answers as FFmpeg, then sends a 24-bit WAV header the stream reader refuses, and keeps
    // reading its input as a real decoder would.
    FfmpegDecoder odd =
        fake(
            "odd",
            "printf 'RIFF\\377\\377\\377\\377WAVEfmt \\020\\000\\000\\000\\001\\000"
                + "\\002\\000\\200\\273\\000\\000\\000\\000\\000\\000\\006\\000"
                + "\\030\\000data\\377\\377\\377\\377'\ncat > /dev/null\n");
    byte[] bytes = Files.readAllBytes(mp3);
    StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer(), odd);
    live.write(bytes, 0, 100_000);
    assertThatThrownBy(live::finish).isInstanceOf(IOException.class).hasMessageContaining("24");
    live.close();
    assertNothingLeftRunning();
  }

  @Test
  void ffmpegGetsOnlyTheEnvironmentItNeeds() throws Exception {
    Path seen = dir.resolve("env-seen.txt");
    FfmpegDecoder recording =
        fake(
            "env",
            // less what the shell sets itself
            "env | cut -d= -f1 | grep -v -x -e PWD -e OLDPWD -e SHLVL -e _ > '"
                + seen
                + "'\nexit 1\n");
    try {
      measured(recording, new ByteArrayInputStream(new byte[] {1, 2, 3}));
    } catch (IOException expected) {
      // the fake decodes nothing
    }
    assertThat(Files.readAllLines(seen)).isNotEmpty().allMatch(FfmpegDecoder.PASSED_ENV::contains);
  }

  @Test
  void theEnvironmentChoosesOrTurnsItOff() throws IOException {
    assertThat(FfmpegDecoder.find(Map.of(FfmpegDecoder.ENV, "off", "PATH", "/usr/bin"))).isEmpty();
    assertThat(FfmpegDecoder.find(Map.of("PATH", dir.resolve("nothing-here").toString())))
        .isEmpty();
    String real = ffmpeg.describe().replaceAll(".*\\((.*)\\)$", "$1");
    assertThat(FfmpegDecoder.find(Map.of(FfmpegDecoder.ENV, real)))
        .hasValueSatisfying(f -> assertThat(f.describe()).startsWith("FFmpeg ").contains(real));
    // A folder named ffmpeg earlier on PATH is passed over.
    Path early = Files.createDirectories(dir.resolve("early/ffmpeg")).getParent();
    String path = early + java.io.File.pathSeparator + Path.of(real).getParent();
    assertThat(FfmpegDecoder.find(Map.of("PATH", path)))
        .hasValueSatisfying(f -> assertThat(f.describe()).contains(real));
  }

  @Test
  void anInterruptWhileAskingTheVersionIsNotTakenAsTheAnswer() {
    FfmpegDecoder fresh = FfmpegDecoder.find(System.getenv()).orElseThrow();
    Thread.currentThread().interrupt(); // as a take's abandoned analysis is
    try {
      assertThat(fresh.version()).isEmpty();
      assertThatThrownBy(() -> fresh.decode(new ByteArrayInputStream(new byte[10])))
          .isInstanceOf(java.io.InterruptedIOException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(fresh.version()).isPresent();
  }

  @Test
  void aProgramThatIsNotFfmpegIsNeverAskedToDecode() throws IOException {
    FfmpegDecoder other = fake("other", "echo never > '" + dir.resolve("decoded") + "'\n");
    Path answer = dir.resolve("not-ffmpeg");
    Files.writeString(answer, "#!/bin/sh\necho 'something else 1.0'\n");
    Files.setPosixFilePermissions(answer, PosixFilePermissions.fromString("rwx------"));
    FfmpegDecoder notIt = FfmpegDecoder.find(Map.of(FfmpegDecoder.ENV, answer.toString())).get();
    assertThat(notIt.version()).isEmpty();
    assertThatThrownBy(() -> notIt.decode(new ByteArrayInputStream(new byte[10])))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not answer as FFmpeg");
    assertThat(other.version()).contains("9.9-fake");
  }

  /**
   * A script at {@code name} that answers {@code -version} as FFmpeg 9.9-fake and otherwise runs
   * {@code body}.
   */
  static FfmpegDecoder fake(String name, String body) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\ncase \"$*\" in *-version*) echo 'ffmpeg version 9.9-fake'; exit 0;; esac\n"
            + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return FfmpegDecoder.find(Map.of(FfmpegDecoder.ENV, script.toString())).orElseThrow();
  }

  /** Decodes {@code coded} with {@code decoder} and measures it to the end. */
  private static AudioAnalysis measured(FfmpegDecoder decoder, InputStream coded)
      throws IOException {
    try (PcmStream pcm = decoder.decode(coded)) {
      return new AudioAnalyzer().analyze(pcm);
    }
  }

  private static void assertNothingLeftRunning() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline && (children() > 0 || feeders() > 0)) {
      Thread.sleep(20);
    }
    assertThat(children()).as("child processes").isZero();
    assertThat(feeders()).as("ffmpeg threads").isZero();
  }

  private static long children() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
  }

  private static long feeders() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("ffmpeg-"))
        .count();
  }
}
