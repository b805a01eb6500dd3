package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  /** A -20 dBFS 997 Hz sine in the left channel only: -23.0 LUFS by the standard's reference. */
  private Path referenceTone() throws IOException {
    short[] s = new short[48_000 * 5 * 2];
    for (int i = 0; i < s.length / 2; i++) {
      s[2 * i] = (short) Math.round(3276.7 * Math.sin(2 * Math.PI * 997 * i / 48_000.0));
    }
    Path file = dir.resolve("tone.flac");
    AudioFiles.write(Pcm.adopt(48_000, 2, s), AudioFormat.FLAC, file);
    return file;
  }

  @Test
  void printsLoudnessSamplePeakTruePeakAndLoudnessRangeOfEachFile() throws IOException {
    Path tone = referenceTone();
    Path silence = dir.resolve("silence.wav");
    AudioFiles.write(Pcm.silence(48_000, 2, 48_000), AudioFormat.WAV, silence);

    int code = run("loudness", tone.toString(), silence.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .isEqualToNormalizingNewlines(
            tone
                + ": -23.0 LUFS, peak -20.0 dBFS, true peak -20.0 dBTP, LRA 0.0 LU\n"
                + silence
                + ": -inf LUFS, peak -inf dBFS, true peak -inf dBTP, LRA 0.0 LU (silent)\n");
  }

  @Test
  void jsonCarriesTruePeakAndLoudnessRangeBesideLoudnessAndSamplePeak() throws IOException {
    Path tone = referenceTone();

    int code = run("loudness", "--format", "json", tone.toString());

    JsonNode row = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(row.get("integrated_lufs").asDouble())
        .isCloseTo(-23.0, org.assertj.core.api.Assertions.within(0.1));
    assertThat(row.get("sample_peak_dbfs").asDouble())
        .isCloseTo(-20.0, org.assertj.core.api.Assertions.within(0.05));
    assertThat(row.get("true_peak_dbtp").asDouble())
        .isCloseTo(-20.0, org.assertj.core.api.Assertions.within(0.1));
    assertThat(row.get("loudness_range_lu").asDouble())
        .isCloseTo(0.0, org.assertj.core.api.Assertions.within(0.5));
  }

  @Test
  void jsonWritesNullForSilence() throws IOException {
    Path silence = dir.resolve("silence.wav");
    AudioFiles.write(Pcm.silence(48_000, 2, 48_000), AudioFormat.WAV, silence);

    int code = run("loudness", "--format", "json", silence.toString());

    JsonNode row = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(row.get("integrated_lufs").isNull()).isTrue();
    assertThat(row.get("silent").asBoolean()).isTrue();
  }

  @Test
  void missingOrUndecodableFileIsAUsageErrorWithoutStackTrace() throws IOException {
    Path text = dir.resolve("notes.wav");
    Files.writeString(text, "not audio");

    int missing = run("loudness", dir.resolve("nope.flac").toString());
    int garbage = run("loudness", text.toString());

    assertThat(missing).isEqualTo(ExitCodes.USAGE);
    assertThat(garbage).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("nope.flac: no such file")
        .contains("notes.wav: not a WAV, FLAC or MP3 file")
        .doesNotContain("at dev.acepipe");
  }
}
