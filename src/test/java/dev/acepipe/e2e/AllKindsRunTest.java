package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.cli.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** random, sample and import (with its upload) run end to end against the embedded server. */
@Timeout(120)
class AllKindsRunTest {
  @TempDir Path project;

  @Test
  void runsRandomSampleAndAnUploadedImport() throws Exception {
    EngineRun.copyInto(Path.of("src/test/resources/e2e/kinds.yaml"), project);
    AudioFiles.write(
        Pcm.silence(48_000, 2, 48_000 * 12), AudioFormat.WAV, project.resolve("mine.wav"));

    EngineRun run =
        EngineRun.of("run", project.resolve("kinds.yaml").toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    JsonNode manifest =
        new ObjectMapper()
            .readTree(
                Path.of(new ObjectMapper().readTree(run.out()).path("manifest").asText()).toFile());
    JsonNode steps = manifest.path("steps");
    assertThat(steps.get(0).path("fields").path("caption").asText()).isNotEmpty();
    assertThat(steps.get(1).path("request").path("prompt").asText())
        .isEqualTo(steps.get(0).path("fields").path("caption").asText());
    assertThat(steps.get(2).path("request").path("sample_mode").asBoolean()).isTrue();
    assertThat(steps.get(4).path("takes").get(0).path("duration").asDouble()).isBetween(11.0, 13.0);
    assertThat(steps.get(4).path("request").has("src_audio_path")).isFalse();
    assertThat(project.resolve("out/remade.wav")).isNotEmptyFile();
  }
}
