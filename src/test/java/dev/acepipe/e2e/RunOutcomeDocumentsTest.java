package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a run can end gets its documents: manifest, HTML report, JUnit XML, GitHub annotations
 * and job summary; a failed album or output makes the run red everywhere, and cached takes are
 * album tracks like rendered ones.
 */
@Timeout(180)
class RunOutcomeDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;
  @TempDir Path serverDir;

  private Map<String, String> github() {
    return Map.of(
        "GITHUB_ACTIONS",
        "true",
        "GITHUB_STEP_SUMMARY",
        project.resolve("summary.md").toString(),
        "GITHUB_WORKSPACE",
        project.toString());
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = project.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void aRunWithAFailedAndASkippedStepWritesEveryDocumentAndItsAnnotationPointsAtTheStep()
      throws Exception {
    Path pipeline =
        write(
            "failing.yaml",
            """
        version: 1
        name: failing
        seed: 1
        steps:
          song:
            type: generate
            prompt: techno
            duration: 10
            retries: 0
          best:
            type: select
            from: song
            pick: longest
        """);
    Path junit = project.resolve("junit.xml");
    // Every job fails on this server; the select after it is skipped without ever resolving.
    FaultConfig everyJobFails = new FaultConfig(1, 0, 0, 0, 1.0, 0, 0, 0, 0);
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(serverDir).withFaults(everyJobFails))) {

      EngineRun run =
          EngineRun.withEnv(
              github(),
              "run",
              pipeline.toString(),
              "--server",
              server.baseUrl(),
              "--report",
              "--junit",
              junit.toString());

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
      Path runDir = runDir(run);
      String manifest = Files.readString(runDir.resolve("manifest.json"));
      assertThat(manifest).doesNotContain("\"kind\" : \"\"").contains("\"kind\" : \"select\"");
      assertThat(runDir.resolve("report.html")).exists();
      assertThat(Files.readString(junit))
          .contains("failures=\"1\"", "skipped=\"1\"", "<failure", "<skipped");
      assertThat(run.out())
          .containsPattern("::error file=failing\\.yaml,line=5,col=\\d+,title=step song failed::");
      String summary = Files.readString(project.resolve("summary.md"));
      assertThat(summary)
          .contains("failed", "HTML report: .acepipe/runs/")
          .doesNotContain(project.toString());

      EngineRun report = EngineRun.of("report", runDir.toString());
      assertThat(report.exitCode()).as(report.err()).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void anInvalidPipelineGetsItsDiagnosticsAsJUnitCasesAndAnnotations() throws Exception {
    Path pipeline =
        write(
            "broken.yaml",
            """
        version: 1
        name: broken
        steps:
          a:
            type: generate
            duration: 5
        """);
    Path junit = project.resolve("junit.xml");

    EngineRun run =
        EngineRun.withEnv(github(), "run", pipeline.toString(), "--junit", junit.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(Files.readString(junit))
        .contains("failures=\"1\"", "type=\"out-of-range\"", "broken.yaml:6:");
    assertThat(run.out()).contains("::error file=broken.yaml,line=6,");
    assertThat(Files.readString(project.resolve("summary.md"))).contains("broken.yaml");
  }

  @Test
  void anUnreachableServerGetsAManifestAJUnitErrorAndASummary() throws Exception {
    Path pipeline =
        write(
            "p.yaml", "version: 1\nname: p\nsteps:\n  a:\n    type: generate\n    duration: 10\n");
    Path junit = project.resolve("junit.xml");

    EngineRun run =
        EngineRun.withEnv(
            github(),
            "run",
            pipeline.toString(),
            "--server",
            "http://127.0.0.1:1",
            "--junit",
            junit.toString(),
            "--report");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertThat(run.err()).contains("cannot reach the ACE-Step server at http://127.0.0.1:1");
    assertThat(Files.readString(junit))
        .contains("errors=\"1\"", "name=\"(run)\"", "type=\"exit-4\"", "<skipped");
    assertThat(run.out()).contains("::error file=p.yaml,title=run ");
    assertThat(Files.readString(project.resolve("summary.md"))).contains("failed", "exit code 4");
    try (var runs = Files.list(project.resolve(".acepipe/runs"))) {
      Path runDir = runs.findFirst().orElseThrow();
      assertThat(JSON.readTree(runDir.resolve("manifest.json").toFile()).path("outcome").asText())
          .isEqualTo("server_unavailable");
    }
  }

  @Test
  void aCachedRunWritesTheAlbumFromItsCachedTakes() throws Exception {
    Path pipeline = write("album.yaml", albumPipeline("out/album"));

    EngineRun first = EngineRun.of("run", pipeline.toString());
    Files.delete(project.resolve("out/album/01 - One.flac"));
    EngineRun second = EngineRun.of("run", pipeline.toString(), "--format", "json");

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(JSON.readTree(second.out()).path("steps").findValuesAsText("state"))
        .containsOnly("cached");
    assertThat(project.resolve("out/album/01 - One.flac")).exists();
    assertThat(second.err()).doesNotContain("album not written");
  }

  @Test
  void aRunWhoseAlbumCannotBeWrittenIsAFailedRunEverywhere() throws Exception {
    // A file where the album folder should be: every step succeeds, the album cannot be written.
    Files.writeString(project.resolve("blocked"), "not a folder");
    Path pipeline = write("album.yaml", albumPipeline("blocked/album"));
    Path junit = project.resolve("junit.xml");

    EngineRun run =
        EngineRun.withEnv(
            github(), "run", pipeline.toString(), "--format", "json", "--junit", junit.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.RUN_FAILED);
    JsonNode summary = JSON.readTree(run.out());
    assertThat(summary.path("outcome").asText()).isEqualTo("failed");
    assertThat(summary.path("error").asText()).startsWith("album not written: ");
    assertThat(Files.readString(junit))
        .contains("failures=\"1\"", "name=\"(run)\"", "<failure message=\"album not");
    assertThat(Files.readString(project.resolve("summary.md")))
        .contains("failed", "album not written");
  }

  private static String albumPipeline(String dir) {
    return """
        version: 1
        name: tiny-album
        seed: 3
        defaults:
          duration: 10
          lyrics: "[inst]"
        steps:
          one:
            type: generate
            prompt: calm piano
          two:
            type: generate
            prompt: dusty drums
        album:
          title: Tiny
          dir: %s
          tracks:
            - {step: one, title: One}
            - {step: two, title: Two}
        """
        .formatted(dir);
  }

  private Path runDir(EngineRun run) {
    String line =
        run.out().lines().filter(l -> l.startsWith("manifest: ")).findFirst().orElseThrow();
    return Path.of(line.substring("manifest: ".length())).getParent();
  }
}
