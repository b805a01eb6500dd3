package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine run --report --junit} publishes the run it just made. */
class RunReportsTest {
  @TempDir Path project;

  @Test
  void writesTheHtmlReportAndJUnitXmlOfTheRun() throws IOException {
    EngineRun.copyInto(Path.of("dsl-examples/edit-chain.yaml"), project);
    Path junit = project.resolve("junit.xml");

    EngineRun run =
        EngineRun.of(
            "run",
            project.resolve("edit-chain.yaml").toString(),
            "--format",
            "json",
            "--report",
            "--junit",
            junit.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(run.out());
    Path runDir = Path.of(summary.path("manifest").asText()).getParent();
    String html = Files.readString(runDir.resolve("report.html"));
    assertThat(html).contains("<svg").contains("<audio").contains("unplugged");
    assertThat(html).contains("<dt>rendered by</dt><dd>embedded synthesizer (not AI)</dd>");
    assertThat(Files.readString(junit))
        .contains(
            "<testcase",
            "name=\"draft\"",
            "name=\"longer\"",
            "name=\"fixed\"",
            "name=\"unplugged\"")
        .doesNotContain("<failure");
    assertThat(run.err()).contains("report: ").contains("junit: ");
  }
}
