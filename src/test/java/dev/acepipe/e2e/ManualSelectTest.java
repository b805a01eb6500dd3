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

/**
 * {@code pick: manual}: the run asks for a choice, {@code engine select} records it, the next run
 * keeps it.
 */
class ManualSelectTest {
  @TempDir Path project;

  @Test
  void aManualSelectUsesTheTakeRecordedByEngineSelect() throws IOException {
    Path file = project.resolve("pick.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: pick
        seed: 7
        steps:
          hook:
            type: generate
            prompt: ${matrix.mood} hook
            lyrics: "[inst]"
            duration: 10
            audio_format: wav
            takes: 2
            matrix:
              mood: [calm, dark]
          best:
            type: select
            from: hook
            pick: manual
        outputs:
          best: out/best.wav
        """);

    EngineRun first = EngineRun.of("run", file.toString());
    EngineRun select = EngineRun.of("select", file.toString(), "best", "hook[mood=dark]#1");
    EngineRun second = EngineRun.of("run", file.toString(), "--format", "json");
    EngineRun third = EngineRun.of("run", file.toString());

    assertThat(first.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(first.out()).contains("engine select PIPELINE best TAKE");
    assertThat(select.exitCode()).as(select.err()).isEqualTo(ExitCodes.OK);
    assertThat(select.out()).contains("best keeps hook[mood=dark]#1 (candidate 3 of 4)");
    JsonNode lock = new ObjectMapper().readTree(project.resolve("pick.lock.json").toFile());
    assertThat(lock.path("selected").path("best").asInt()).isEqualTo(3);
    assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(ExitCodes.OK);
    JsonNode manifest =
        new ObjectMapper()
            .readTree(
                Path.of(new ObjectMapper().readTree(second.out()).path("manifest").asText())
                    .toFile());
    for (JsonNode s : manifest.path("steps")) {
      if (s.path("id").asText().equals("best")) {
        assertThat(s.path("fields").path("selected").asText()).isEqualTo("hook[mood=dark]#1");
      }
    }
    // Writing the lockfile after a run keeps the recorded choice.
    assertThat(third.exitCode()).as(third.out() + third.err()).isEqualTo(ExitCodes.OK);
    assertThat(
            new ObjectMapper()
                .readTree(project.resolve("pick.lock.json").toFile())
                .path("selected")
                .path("best")
                .asInt())
        .isEqualTo(3);
  }

  @Test
  void selectRefusesATakeThatIsNoCandidateAndNamesTheCandidates() throws IOException {
    Path file = project.resolve("pick.yaml");
    Files.writeString(
        file,
        """
        version: 1
        name: pick
        steps:
          hook:
            type: generate
            prompt: hook
            duration: 10
            takes: 2
          best:
            type: select
            from: hook
            pick: manual
        """);

    EngineRun select = EngineRun.of("select", file.toString(), "best", "hook#5");

    assertThat(select.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(select.err()).contains("candidates: hook#0, hook#1");
    assertThat(project.resolve("pick.lock.json")).doesNotExist();
  }
}
