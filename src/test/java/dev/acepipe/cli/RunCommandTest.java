package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RunCommandTest {
  @TempDir Path project;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  private Path pipeline(String yaml) throws Exception {
    Path file = project.resolve("p.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aMissingFileIsAUsageError() {
    int code = run("run", project.resolve("nope.yaml").toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("nope.yaml: no such file").doesNotContain("at dev.acepipe");
  }

  @Test
  void anInvalidPipelineExitsThreeWithLocatedDiagnostics() throws Exception {
    Path file = pipeline("version: 1\nname: x\nsteps:\n  a:\n    type: cover\n    from: nothing\n");

    int code = run("run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains("p.yaml:6:").contains("nothing");
  }

  @Test
  void zeroMaxParallelIsAUsageError() throws Exception {
    Path file =
        pipeline("version: 1\nname: x\nsteps:\n  a:\n    type: generate\n    duration: 10\n");

    int code = run("run", file.toString(), "--max-parallel", "0");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void onlyRunsTheNamedStepAndWhatItNeeds() throws Exception {
    Path file =
        pipeline(
            """
        version: 1
        name: only
        seed: 3
        steps:
          a:
            type: generate
            prompt: one
            lyrics: "[inst]"
            duration: 10
          b:
            type: cover
            from: a
            prompt: two
          c:
            type: generate
            prompt: three
            lyrics: "[inst]"
            duration: 10
        outputs:
          c: out/c.flac
        """);

    int code = run("run", file.toString(), "--only", "b", "--format", "json");

    assertThat(code).as(out + "" + err).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(out.toString());
    assertThat(summary.path("steps").findValuesAsText("id")).containsExactly("a", "b");
    assertThat(summary.path("outputs").get(0).path("problem").asText()).contains("--only");
    assertThat(Path.of(summary.path("manifest").asText()))
        .startsWith(project.resolve(".acepipe/runs"));
  }

  @Test
  void anUnknownOnlyStepIsAUsageError() throws Exception {
    Path file =
        pipeline("version: 1\nname: x\nsteps:\n  a:\n    type: generate\n    duration: 10\n");

    int code = run("run", file.toString(), "--only", "zzz");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--only names no step: zzz");
  }

  @Test
  void aFailedStepExitsOneAndTheSummaryNamesItsCauseAndWhatItSkipped() throws Exception {
    Path file =
        pipeline(
            """
        version: 1
        name: broken
        steps:
          song:
            type: generate
            prompt: fine
            lyrics: "[inst]"
            duration: 10
            retries: 0
          cover:
            type: cover
            from: song
            prompt: strings
          other:
            type: format
            prompt: lo-fi
            lyrics: "[Verse]\\nla la"
        """);
    // Every job fails on this server (status 2); format runs synchronously and is unaffected.
    FaultConfig everyJobFails = new FaultConfig(1, 0, 0, 0, 1.0, 0, 0, 0, 0);
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(project.resolve("server")).withFaults(everyJobFails))) {

      int code = run("run", file.toString(), "--server", server.baseUrl());

      assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(out.toString())
          .contains("song: ")
          .contains("skipped because of it: cover")
          .contains("✓ other");
    }
  }

  @Test
  void anUnreachableServerIsReportedByName() throws Exception {
    Path file =
        pipeline("version: 1\nname: x\nsteps:\n  a:\n    type: generate\n    duration: 10\n");

    int code =
        run("run", file.toString(), "--server", "http://127.0.0.1:1", "--api-key", "sekrit-key");

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(out.toString() + err).contains("http://127.0.0.1:1").doesNotContain("sekrit-key");
  }
}
