package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code expect:} end to end on the embedded server, whose first jobs render a silent and then a
 * clipped take: {@code on_fail: reroll} recovers with new seeds recorded in the lockfile; without
 * enough retries the step fails naming the measured values, in the summary, the manifest and JUnit.
 */
@Timeout(120)
class TakeChecksRunTest {
  private static final Path PIPELINE = Path.of("src/test/resources/e2e/checks.yaml");
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aSilentThenAClippedTakeAreRerolledUntilOnePassesAndTheRerollIsLocked() throws Exception {
    EngineRun.copyInto(PIPELINE, dir);
    Path pipeline = dir.resolve("checks.yaml");
    EngineRun run;
    try (EmbeddedServer server = faultyServer()) {
      run =
          EngineRun.of(
              "run",
              pipeline.toString(),
              "--server",
              server.baseUrl(),
              "--format",
              "json",
              "--junit",
              dir.resolve("junit.xml").toString());
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);

      JsonNode summary = json.readTree(run.out());
      JsonNode step = summary.path("steps").get(0);
      assertThat(step.path("checks").get(0).path("passed").asBoolean()).isTrue();
      JsonNode manifest = json.readTree(Path.of(summary.path("manifest").asText()).toFile());
      JsonNode song = manifest.path("steps").get(0);
      assertThat(song.path("attempts").asInt()).isEqualTo(3);
      assertThat(song.path("events").toString())
          .contains("loudness -inf LUFS (silent) outside [-30, -10]")
          .contains("clipped:")
          .contains("rerolled with new seeds");
      JsonNode measured = song.path("takes").get(0).path("checks").path("measured");
      assertThat(measured.path("true_peak_dbtp").asDouble()).isLessThan(-1);
      assertThat(measured.path("tempo_bpm").asDouble()).isBetween(106.0, 114.0);
      JsonNode lock = json.readTree(dir.resolve("checks.lock.json").toFile());
      assertThat(lock.toString()).contains("\"reroll\":2");
      assertThat(dir.resolve("out/song.wav")).exists();

      // The next run reads the reroll from the lockfile: the same seed, straight from the store.
      EngineRun again =
          EngineRun.of(
              "run", pipeline.toString(), "--server", server.baseUrl(), "--format", "json");
      assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(ExitCodes.OK);
      assertThat(json.readTree(again.out()).path("steps").get(0).path("state").asText())
          .isEqualTo("cached");
    }
  }

  @Test
  void withoutRetriesLeftTheStepFailsNamingTheMeasuredValuesInEveryReport() throws Exception {
    EngineRun.copyInto(PIPELINE, dir);
    Path pipeline = dir.resolve("checks.yaml");
    Files.writeString(pipeline, Files.readString(pipeline).replace("retries: 2", "retries: 1"));
    EngineRun run;
    try (EmbeddedServer server = faultyServer()) {
      run =
          EngineRun.of(
              "run",
              pipeline.toString(),
              "--server",
              server.baseUrl(),
              "--format",
              "json",
              "--junit",
              dir.resolve("junit.xml").toString(),
              "--report");
    }

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
    JsonNode step = json.readTree(run.out()).path("steps").get(0);
    assertThat(step.path("state").asText()).isEqualTo("failed");
    assertThat(step.path("error").asText())
        .contains("no take passed its checks")
        .contains("after 1 reroll(s)")
        .contains("clipped:")
        .contains("true peak");
    assertThat(step.path("checks").get(0).path("passed").asBoolean()).isFalse();
    String junit = Files.readString(dir.resolve("junit.xml"));
    assertThat(junit).contains("song take 0 checks").contains("clipped:");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void anMp3TakeIsMeasuredByFfmpegAndRerolledLikeAnyOther() throws Exception {
    AudioFilesProbe ffmpeg = AudioFilesProbe.forEnvironment(System.getenv());
    assumeTrue(ffmpeg.mp3Decoder().isPresent(), "ffmpeg is not installed");
    EngineRun.copyInto(PIPELINE, dir);
    Path pipeline = dir.resolve("checks.yaml");
    Files.writeString(
        pipeline,
        Files.readString(pipeline)
            .replace("audio_format: wav", "audio_format: mp3")
            .replace("out/song.wav", "out/song.mp3"));
    EngineRun run;
    try (EmbeddedServer server = faultyServer()) {
      run =
          EngineRun.of(
              "run", pipeline.toString(), "--server", server.baseUrl(), "--format", "json");
    }
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    JsonNode manifest =
        json.readTree(Path.of(json.readTree(run.out()).path("manifest").asText()).toFile());
    JsonNode song = manifest.path("steps").get(0);
    assertThat(song.path("attempts").asInt()).isEqualTo(3);
    assertThat(song.path("events").toString()).contains("(silent)").contains("clipped:");

    // FFmpeg measured it: its full-scale output reads 0.02 dB above the Java decoder's.
    Path take = dir.resolve("out/song.mp3");
    Set<AudioAnalyzer.Extra> every = EnumSet.allOf(AudioAnalyzer.Extra.class);
    double recorded =
        song.path("takes")
            .get(0)
            .path("checks")
            .path("measured")
            .path("integrated_lufs")
            .asDouble();
    assertThat(recorded).isEqualTo(rounded(ffmpeg.analyze(take, every, -60).integratedLufs()));
    assertThat(recorded)
        .isNotEqualTo(rounded(new AudioFilesProbe().analyze(take, every, -60).integratedLufs()));
  }

  /** The embedded server, whose first job renders a silent take and second a clipped one. */
  private EmbeddedServer faultyServer() throws java.io.IOException {
    return EmbeddedServer.start(
        EmbeddedServerConfig.defaults(dir.resolve("srv"))
            .withFaults(FaultConfig.parse("silent-jobs=1,clipped-jobs=1")));
  }

  private static double rounded(double lufs) {
    return Math.round(lufs * 100) / 100.0;
  }
}
