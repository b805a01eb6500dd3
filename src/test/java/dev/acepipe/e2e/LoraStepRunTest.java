package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps naming LoRA adapters render with them: the run switches the server's adapters only between
 * jobs, groups the jobs of one set, records the adapters in the lock, and caches by them.
 */
@Timeout(120)
class LoraStepRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path peft(String name) throws Exception {
    return PeftDirs.peft(dir, name);
  }

  private Path pipeline(Path x, Path y, double xScale) throws Exception {
    String xs = "[{path: '" + x + "', scale: " + xScale + ", name: x}]";
    return Files.writeString(
        dir.resolve("p.yaml"),
        "version: 1\nsteps:\n"
            + "  jazz1: {type: generate, duration: 10, seed: 1, lora: "
            + xs
            + "}\n"
            + "  plain: {type: generate, duration: 10, seed: 2}\n"
            + "  jazz2: {type: generate, duration: 10, seed: 3, lora: "
            + xs
            + "}\n"
            + "  rock: {type: generate, duration: 10, seed: 4, lora: [{path: '"
            + y
            + "', scale: 1.0, name: y}]}\n");
  }

  @Test
  void adaptersSwitchBetweenJobsAreLockedAndPartOfTheCacheKey() throws Exception {
    Path x = peft("x");
    Path y = peft("y");
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.NEWER)
                .withWorkers(1)
                .withMaxBatch(1))) {
      Path p = pipeline(x, y, 0.8);

      EngineRun first = EngineRun.of("run", p.toString(), "--server", server.baseUrl());

      assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.OK);
      List<String> switches =
          (first.out() + first.err()).lines().filter(l -> l.contains("lora: switching")).toList();
      assertThat(switches)
          .as("one line per switch; the two jobs of x share one load")
          .anyMatch(l -> l.contains("to [x@0.8"))
          .anyMatch(l -> l.contains("to [y@1.0"));
      assertThat(switches.stream().filter(l -> l.contains("to [x@0.8"))).hasSize(1);
      assertThat(server.counters().requests("/v1/lora/load")).isEqualTo(2);
      assertThat(server.counters().acceptedTasks()).isEqualTo(4);

      JsonNode lock = JSON.readTree(dir.resolve("p.lock.json").toFile());
      assertThat(lock.toString()).contains("\"lora\"").contains(x.toString());

      EngineRun again =
          EngineRun.of("run", p.toString(), "--server", server.baseUrl(), "--format", "json");
      assertThat(states(again)).allSatisfy((id, state) -> assertThat(state).isEqualTo("cached"));
      assertThat(server.counters().acceptedTasks()).isEqualTo(4);

      pipeline(x, y, 0.5);
      EngineRun rescaled =
          EngineRun.of("run", p.toString(), "--server", server.baseUrl(), "--format", "json");
      assertThat(rescaled.exitCode()).as(rescaled.out() + rescaled.err()).isEqualTo(ExitCodes.OK);
      assertThat(states(rescaled))
          .containsEntry("jazz1", "succeeded")
          .containsEntry("jazz2", "succeeded")
          .containsEntry("plain", "cached")
          .containsEntry("rock", "cached");
    }
  }

  @Test
  void aServerWithoutTheLoraApiFailsTheAdapterStepAndRendersTheOthers() throws Exception {
    Path x = peft("x");
    Path y = peft("y");
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.SNAPSHOT))) {
      Path p = pipeline(x, y, 0.8);

      EngineRun run =
          EngineRun.of("run", p.toString(), "--server", server.baseUrl(), "--format", "json");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(run.out() + run.err()).contains("has no LoRA API");
      assertThat(states(run))
          .containsEntry("plain", "succeeded")
          .containsEntry("jazz1", "failed")
          .containsEntry("rock", "failed");
      assertThat(server.counters().acceptedTasks()).isEqualTo(1);
    }
  }

  private static Map<String, String> states(EngineRun run) throws Exception {
    JsonNode manifest =
        JSON.readTree(Path.of(JSON.readTree(run.out()).path("manifest").asText()).toFile());
    Map<String, String> out = new LinkedHashMap<>();
    manifest.path("steps").forEach(s -> out.put(s.path("id").asText(), s.path("state").asText()));
    return out;
  }
}
