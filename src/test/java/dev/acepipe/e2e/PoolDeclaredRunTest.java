package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool declared in the pipeline file ({@code server:} as a list), each server behind its own key:
 * the run spreads the steps over both, and the lockfile, the manifest and the JSON summary name the
 * server of every take (the manifest and the summary also by its declared name), agreeing with what
 * each server actually accepted.
 */
@Timeout(120)
class PoolDeclaredRunTest {
  private static final String KEY_A = "key-a-3d91";
  private static final String KEY_B = "key-b-77e0";

  @TempDir Path project;
  @TempDir Path servers;
  private EmbeddedServer a;
  private EmbeddedServer b;

  @AfterEach
  void stop() {
    for (EmbeddedServer s : new EmbeddedServer[] {a, b}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private EmbeddedServer start(String dir, String key) throws Exception {
    return EmbeddedServer.start(
        EmbeddedServerConfig.defaults(servers.resolve(dir))
            .withPort(0)
            .withWorkers(1)
            .withFixedTakeSeconds(0.2)
            .withApiKey(key));
  }

  @Test
  void everyLockEntryAndTakeNamesTheDeclaredServerThatRenderedIt() throws Exception {
    a = start("a", KEY_A);
    b = start("b", KEY_B);
    StringBuilder yaml =
        new StringBuilder(
            "version: 1\nname: declared\nseed: 7\nserver:\n"
                + "  - name: left\n    url: "
                + a.baseUrl()
                + "\n    api_key: ${env.KEY_A}\n"
                + "  - name: right\n    url: "
                + b.baseUrl()
                + "\n    api_key: ${env.KEY_B}\n"
                + "steps:\n");
    for (int i = 1; i <= 4; i++) {
      yaml.append("  t")
          .append(i)
          .append(":\n    type: generate\n    prompt: piano ")
          .append(i)
          .append("\n    lyrics: \"[inst]\"\n    duration: 10\n");
    }
    Path file = project.resolve("declared.yaml");
    Files.writeString(file, yaml.toString());

    EngineRun run =
        EngineRun.withEnv(
            Map.of("KEY_A", KEY_A, "KEY_B", KEY_B),
            "run",
            file.toString(),
            "--format",
            "json",
            "--report");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err())
        .contains("pool of 2 servers: left=" + a.baseUrl() + ", right=" + b.baseUrl())
        .doesNotContain(KEY_A)
        .doesNotContain(KEY_B);
    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(run.out());
    JsonNode manifest = json.readTree(Path.of(summary.path("manifest").asText()).toFile());
    JsonNode lock = json.readTree(project.resolve("declared.lock.json").toFile());
    Map<String, Long> perServer = new HashMap<>();
    for (JsonNode step : manifest.path("steps")) {
      String id = step.path("id").asText();
      String lockServer = lock.path("steps").path(id).path("server").asText();
      assertThat(lockServer).as(id + " in the lockfile").isIn(a.baseUrl(), b.baseUrl());
      assertThat(step.path("takes")).as(id).isNotEmpty();
      for (JsonNode take : step.path("takes")) {
        assertThat(take.path("server").asText())
            .as(id + " take in the manifest")
            .isEqualTo(lockServer);
      }
      perServer.merge(lockServer, 1L, Long::sum);
      assertThat(step.path("jobs")).as(id + " jobs").hasSize(1);
      assertThat(step.path("jobs").get(0).path("server").asText()).isEqualTo(lockServer);
      assertThat(step.path("jobs").get(0).path("end").asText()).isEqualTo("succeeded");
    }
    assertThat(perServer.keySet()).as("both servers rendered").hasSize(2);
    Map<String, String> nameOf = Map.of(a.baseUrl(), "left", b.baseUrl(), "right");
    assertThat(manifest.path("servers").toString())
        .isEqualTo(
            "[{\"name\":\"left\",\"url\":\""
                + a.baseUrl()
                + "\"},{\"name\":\"right\",\"url\":\""
                + b.baseUrl()
                + "\"}]");
    assertThat(summary.path("servers").path("right").asText()).isEqualTo(b.baseUrl());
    String html =
        Files.readString(Path.of(summary.path("manifest").asText()).resolveSibling("report.html"));
    assertThat(html.split("<rect class=\"job state-succeeded\"", -1)).hasSize(5);
    assertThat(html).contains("data-server=\"left\"").contains("data-server=\"right\"");
    for (JsonNode step : summary.path("steps")) {
      String id = step.path("id").asText();
      String url = lock.path("steps").path(id).path("server").asText();
      assertThat(step.path("server").asText())
          .as(id + " in the summary")
          .isEqualTo(nameOf.get(url));
    }
    assertThat(a.counters().acceptedTasks()).isEqualTo(perServer.get(a.baseUrl()));
    assertThat(b.counters().acceptedTasks()).isEqualTo(perServer.get(b.baseUrl()));
  }
}
