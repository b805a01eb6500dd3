package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a server that refuses uploads and ignores seeds (as the older ACE-Step does), the generate → continue →
 * repaint → cover chain still runs, because every take is handed on by its server path.
 */
@Timeout(180)
class OlderServerRunTest {
  @TempDir Path dir;

  @Test
  void runsTheEditChainThroughServerPathHandOffWhenUploadsAreRefused() throws Exception {
    Path project = dir.resolve("p");
    EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), project);
    EngineRun run;
    OlderServerProxy proxy;
    try (EmbeddedServer server = EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("srv")));
        OlderServerProxy p = new OlderServerProxy(server.baseUrl())) {
      proxy = p;
      run = EngineRun.of("run", project.resolve("chain.yaml").toString(), "--server", p.baseUrl(), "--format", "json");
    }

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(proxy.refusedUploads.get()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.out());
    JsonNode manifest = new ObjectMapper().readTree(Path.of(summary.path("manifest").asText()).toFile());
    int edits = 0;
    boolean seedIgnored = false;
    for (JsonNode step : manifest.path("steps")) {
      String kind = step.path("kind").asText();
      if (kind.equals("continue") || kind.equals("repaint") || kind.equals("cover")) {
        edits++;
        assertThat(step.path("request").path("src_audio_path").asText()).as(step.path("id").asText()).isNotEmpty();
      }
      for (JsonNode take : step.path("takes")) {
        seedIgnored |= !take.path("seed_reported").asText().equals(take.path("seed_sent").asText());
      }
    }
    assertThat(edits).isEqualTo(3);
    assertThat(seedIgnored).as("the proxy made the server use its own seeds").isTrue();
    assertThat(project.resolve("out/unplugged.wav")).isNotEmptyFile();
    assertThat(Files.size(project.resolve("out/fixed.wav"))).isPositive();
  }
}
