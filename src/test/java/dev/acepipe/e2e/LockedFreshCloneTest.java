package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline and its lockfile are all a CI runner needs: {@code run --locked} in an empty folder
 * holding only those two files renders every step again (the answers of {@code format} and {@code
 * random} come from the lockfile) and produces the very bytes the lockfile pins; an edit or
 * different bytes fail the run naming the step.
 */
@Timeout(240)
class LockedFreshCloneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIPELINE =
      """
      version: 1
      name: lm-chain
      seed: 5
      steps:
        idea:
          type: random
        words:
          type: format
          prompt: dreamy indie pop
          lyrics: |
            [Verse]
            Paper boats on a silver lake
          duration: 20
        song:
          type: generate
          prompt: ${steps.idea.caption}
          lyrics: ${steps.words.lyrics}
          bpm: ${steps.words.bpm}
          key: ${steps.idea.key}
          duration: 10
        longer:
          type: continue
          from: song
          seconds: 5
      outputs:
        longer: out/lm-chain.flac
      """;

  @TempDir Path original;
  @TempDir Path fresh;
  private Path pipeline;

  @BeforeEach
  void renderOnceAndKeepOnlyTheCommittedFiles() throws IOException {
    pipeline = original.resolve("lm-chain.yaml");
    Files.writeString(pipeline, PIPELINE);
    EngineRun first = EngineRun.of("run", pipeline.toString());
    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.OK);
    Files.copy(pipeline, fresh.resolve("lm-chain.yaml"));
    Files.copy(original.resolve("lm-chain.lock.json"), fresh.resolve("lm-chain.lock.json"));
  }

  @Test
  void lockedRerendersAWholePipelineByteForByteFromThePipelineAndItsLockfileAlone()
      throws IOException {
    String lockBefore = Files.readString(fresh.resolve("lm-chain.lock.json"));

    EngineRun locked =
        EngineRun.of(
            "run", fresh.resolve("lm-chain.yaml").toString(), "--locked", "--format", "json");

    assertThat(locked.exitCode()).as(locked.out() + locked.err()).isEqualTo(ExitCodes.OK);
    assertThat(states(locked))
        .containsEntry("idea", "cached")
        .containsEntry("words", "cached")
        .containsEntry("song", "succeeded")
        .containsEntry("longer", "succeeded");
    assertThat(Files.readAllBytes(fresh.resolve("out/lm-chain.flac")))
        .isEqualTo(Files.readAllBytes(original.resolve("out/lm-chain.flac")));
    assertThat(Files.readString(fresh.resolve("lm-chain.lock.json"))).isEqualTo(lockBefore);
  }

  @Test
  void theAnswersOfFormatAndRandomAreReusedByEveryRunUntilRerolled() throws IOException {
    JsonNode pinned = JSON.readTree(fresh.resolve("lm-chain.lock.json").toFile()).path("pinned");

    EngineRun again =
        EngineRun.of("run", fresh.resolve("lm-chain.yaml").toString(), "--format", "json");
    EngineRun rerolled =
        EngineRun.of(
            "run",
            fresh.resolve("lm-chain.yaml").toString(),
            "--reroll",
            "idea",
            "--format",
            "json");

    assertThat(pinned.path("idea").path("kind").asText()).isEqualTo("random");
    assertThat(pinned.path("words").path("fields").path("lyrics").asText()).contains("Paper boats");
    assertThat(states(again)).containsEntry("idea", "cached").containsEntry("words", "cached");
    assertThat(rerolled.exitCode()).as(rerolled.err()).isEqualTo(ExitCodes.OK);
    assertThat(states(rerolled))
        .containsEntry("idea", "succeeded")
        .containsEntry("words", "cached");
    assertThat(
            JSON.readTree(fresh.resolve("lm-chain.lock.json").toFile())
                .path("pinned")
                .path("idea")
                .path("reroll")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void lockedFailsNamingTheStepWhoseRecipeChangedAndSubmitsNothing() throws IOException {
    Path yaml = fresh.resolve("lm-chain.yaml");
    Files.writeString(yaml, PIPELINE.replace("seconds: 5", "seconds: 6"));

    EngineRun locked = EngineRun.of("run", yaml.toString(), "--locked", "--format", "json");

    assertThat(locked.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(locked.err()).contains("longer: stale: seconds changed (5 → 6)");
    assertThat(states(locked)).containsEntry("longer", "failed").containsEntry("song", "skipped");
  }

  @Test
  void lockedFailsNamingTheStepWhoseRenderedBytesDifferFromTheLockfile() throws IOException {
    Path lock = fresh.resolve("lm-chain.lock.json");
    ObjectNode doc = (ObjectNode) JSON.readTree(lock.toFile());
    ObjectNode take = (ObjectNode) doc.path("steps").path("longer").path("takes").get(0);
    take.put("sha256", "0".repeat(64));
    Files.writeString(lock, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));

    EngineRun locked =
        EngineRun.of(
            "run", fresh.resolve("lm-chain.yaml").toString(), "--locked", "--format", "json");

    assertThat(locked.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(states(locked)).containsEntry("song", "succeeded").containsEntry("longer", "failed");
    assertThat(JSON.readTree(locked.out()).path("steps").get(3).path("error").asText())
        .contains("--locked: step 'longer' rendered different audio than the lockfile pins");
  }

  @Test
  void lockedFollowsTheTextASampleStepsLanguageModelWroteOnAFreshCopy(
      @TempDir Path sampleRepo, @TempDir Path sampleFresh) throws IOException {
    String yaml =
        """
        version: 1
        name: sketchbook
        seed: 8
        steps:
          sketch:
            type: sample
            description: a calm lo-fi loop with vinyl crackle
            duration: 10
          answer:
            type: generate
            prompt: ${steps.sketch.caption}, brighter
            lyrics: "[inst]"
            duration: 10
        """;
    Files.writeString(sampleRepo.resolve("sketchbook.yaml"), yaml);
    EngineRun first = EngineRun.of("run", sampleRepo.resolve("sketchbook.yaml").toString());
    Files.copy(sampleRepo.resolve("sketchbook.yaml"), sampleFresh.resolve("sketchbook.yaml"));
    Files.copy(
        sampleRepo.resolve("sketchbook.lock.json"), sampleFresh.resolve("sketchbook.lock.json"));

    EngineRun locked =
        EngineRun.of(
            "run",
            sampleFresh.resolve("sketchbook.yaml").toString(),
            "--locked",
            "--format",
            "json");

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(
            JSON.readTree(sampleFresh.resolve("sketchbook.lock.json").toFile())
                .path("pinned")
                .path("sketch")
                .path("fields")
                .path("caption")
                .asText())
        .isNotBlank();
    assertThat(locked.exitCode()).as(locked.out() + locked.err()).isEqualTo(ExitCodes.OK);
    assertThat(states(locked))
        .containsEntry("sketch", "succeeded")
        .containsEntry("answer", "succeeded");
  }

  private static Map<String, String> states(EngineRun run) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode s : JSON.readTree(run.out()).path("steps")) {
      out.put(s.path("id").asText(), s.path("state").asText());
    }
    return out;
  }
}
