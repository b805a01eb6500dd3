package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.report.html.SampleRuns;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final String PIPELINE =
      """
      version: 1
      name: night-drive
      seed: 7
      steps:
        song:
          type: import
          path: song.wav
        draft:
          type: generate
          prompt: synthwave
          duration: 30
          needs: [song]
        fixed:
          type: repaint
          from: draft
          start: 5
          end: 10
        cover:
          type: cover
          from: fixed
          prompt: acoustic
        late:
          type: generate
          prompt: late
          duration: 10
      """;

  @TempDir Path project;
  private Path runDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeRun() throws Exception {
    runDir = project.resolve(".acepipe/runs/20261125-100000-ab12");
    Files.createDirectories(runDir);
    try (InputStream in = getClass().getResourceAsStream("/report/manifest.json")) {
      Files.copy(in, runDir.resolve("manifest.json"));
    }
    AudioFiles.write(SampleRuns.tone(220, 2), AudioFormat.WAV, project.resolve("song.wav"));
    AudioFiles.write(
        SampleRuns.tone(330, 2), AudioFormat.FLAC, runDir.resolve("takes/draft/0.flac"));
    AudioFiles.write(
        SampleRuns.tone(440, 2), AudioFormat.FLAC, runDir.resolve("takes/draft/1.flac"));
  }

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void writesTheReportOfARunWithItsGraphFromThePipeline() throws Exception {
    Files.writeString(project.resolve("night-drive.yaml"), PIPELINE);

    int code = run("report", runDir.toString(), "--junit", project.resolve("junit.xml").toString());

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("report: " + runDir.resolve("report.html"));
    String html = Files.readString(runDir.resolve("report.html"));
    assertThat(html)
        .contains("data-from=\"song\" data-to=\"draft\"")
        .contains("data-from=\"fixed\" data-to=\"cover\"");
    assertThat(html)
        .contains("src=\"takes/draft/1.flac\"")
        .contains("src=\"report-files/step-1-take-1.png\"");
    assertThat(Files.readString(project.resolve("junit.xml"))).contains("<testcase name=\"fixed\"");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void writesTheReportWithoutEdgesWhenThePipelineIsGone() throws Exception {
    int code = run("report", runDir.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("graph shows no edges");
    assertThat(Files.readString(runDir.resolve("report.html"))).doesNotContain("class=\"edge\"");
  }

  @Test
  void aDirectoryWithoutManifestIsAUsageError() {
    int code = run("report", project.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("not a run directory (no manifest.json)")
        .doesNotContain("at dev.acepipe");
  }

  @Test
  void aBrokenManifestIsAUsageErrorNamingTheFile() throws Exception {
    Files.writeString(runDir.resolve("manifest.json"), "{\"steps\": [");

    int code = run("report", runDir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("manifest.json: not valid JSON")
        .doesNotContain("at dev.acepipe");
  }

  @Test
  void aManifestMissingAFieldIsAUsageErrorNamingTheField() throws Exception {
    Files.writeString(runDir.resolve("manifest.json"), "{\"run_id\":\"r\",\"steps\":[]}");

    int code = run("report", runDir.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("manifest.started_at is missing");
  }
}
