package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step naming LoRA adapters validates and plans, but is never rendered without them: until the
 * executor loads adapters, it fails before submitting, saying so; steps without adapters still run.
 */
@Timeout(120)
class LoraStepRunTest {
  @TempDir Path dir;

  @Test
  void aStepWithAdaptersFailsClearlyAndTheOthersRun() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        "version: 1\nsteps:\n  plain: {type: generate, duration: 10}\n"
            + "  styled:\n    type: generate\n    duration: 10\n"
            + "    lora: [{path: /srv/lora/jazz, scale: 0.8}]\n");

    EngineRun plan = EngineRun.of("plan", dir.resolve("p.yaml").toString());
    EngineRun run = EngineRun.of("run", dir.resolve("p.yaml").toString(), "--format", "json");

    assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err())
        .contains("step 'styled' names LoRA adapters (/srv/lora/jazz@0.8)")
        .contains("does not load yet");
    com.fasterxml.jackson.databind.JsonNode manifest =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                Path.of(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(run.out())
                            .path("manifest")
                            .asText())
                    .toFile());
    java.util.Map<String, Integer> takes = new java.util.HashMap<>();
    manifest
        .path("steps")
        .forEach(st -> takes.put(st.path("id").asText(), st.path("takes").size()));
    assertThat(takes).containsEntry("plain", 1).containsEntry("styled", 0);
  }
}
