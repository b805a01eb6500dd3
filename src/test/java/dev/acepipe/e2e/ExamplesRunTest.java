package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pipeline in {@code dsl-examples/} runs end to end against the embedded server. */
class ExamplesRunTest {
  @TempDir Path project;

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("dsl-examples"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void runsEveryExampleToTheEndAndWritesItsOutputs(String example) throws IOException {
    EngineRun.copyInto(Path.of("dsl-examples"), project);
    Path file = project.resolve(example);

    EngineRun run = EngineRun.of("run", file.toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.path("outcome").asText()).isEqualTo("succeeded");
    for (JsonNode output : summary.path("outputs")) {
      assertThat(output.path("written").asBoolean()).as(output.toString()).isTrue();
      assertThat(project.resolve(output.path("path").asText())).isNotEmptyFile();
    }
    Path manifest = Path.of(summary.path("manifest").asText());
    assertThat(manifest).isNotEmptyFile();
    JsonNode doc = new ObjectMapper().readTree(manifest.toFile());
    for (JsonNode step : doc.path("steps")) {
      if (step.path("request").isObject()) {
        assertThat(step.path("request").path("seed").asLong()).isNotNegative();
        assertThat(step.path("request").has("batch_size")).isTrue();
        assertThat(step.path("request").has("audio_format")).isTrue();
      }
    }
  }
}
