package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dsl-examples/pool.yaml} rendered by {@code engine run} on a pool of three embedded servers
 * given as a comma-separated {@code ACESTEP_URL}: the album is spread over the pool and the
 * manifest names the server of every take.
 */
@Timeout(120)
class PoolExampleRunTest {
  @TempDir Path project;
  @TempDir Path servers;
  private final List<EmbeddedServer> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(EmbeddedServer::close);
  }

  @Test
  void thePoolExampleRendersOnEveryServerOfAPoolGivenInAcestepUrl() throws Exception {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EmbeddedServer s =
          EmbeddedServer.start(
              EmbeddedServerConfig.defaults(servers.resolve("server-" + i))
                  .withPort(0)
                  .withWorkers(1)
                  .withFixedTakeSeconds(0.2));
      started.add(s);
      urls.add(s.baseUrl());
    }
    EngineRun.copyInto(Path.of("dsl-examples"), project);

    EngineRun run =
        EngineRun.withEnv(
            Map.of("ACESTEP_URL", String.join(",", urls)),
            "run",
            project.resolve("pool.yaml").toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("pool of 3 servers");
    JsonNode summary = new ObjectMapper().readTree(run.out());
    JsonNode doc = new ObjectMapper().readTree(Path.of(summary.path("manifest").asText()).toFile());
    Set<String> used = new HashSet<>();
    for (JsonNode step : doc.path("steps")) {
      for (JsonNode take : step.path("takes")) {
        assertThat(urls).as(step.path("id").asText()).contains(take.path("server").asText());
        used.add(take.path("server").asText());
      }
    }
    assertThat(used).hasSizeGreaterThan(1);
  }
}
