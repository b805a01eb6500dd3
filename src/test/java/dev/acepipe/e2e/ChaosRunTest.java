package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server with 20 % transient faults (500s, 429s, dropped connections), 10 % failed
 * jobs and one simulated restart: the run still succeeds, and its outputs are byte-identical to a
 * fault-free run.
 */
@Timeout(240)
class ChaosRunTest {
  private static final Path CHAIN = Path.of("src/test/resources/e2e/chain.yaml");
  private static final List<String> OUTPUTS =
      List.of("out/fixed.wav", "out/unplugged.wav", "out/side.wav");

  @TempDir Path dir;

  @Test
  void survivesTransientFaultsFailedJobsAndARestartWithByteIdenticalOutputs() throws Exception {
    Path clean = dir.resolve("clean");
    Path chaos = dir.resolve("chaos");
    EngineRun.copyInto(CHAIN, clean);
    EngineRun.copyInto(CHAIN, chaos);
    EngineRun reference;
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("srv1")).withWorkers(2))) {
      reference =
          EngineRun.of("run", clean.resolve("chain.yaml").toString(), "--server", server.baseUrl());
    }
    assertThat(reference.exitCode()).as(reference.out() + reference.err()).isEqualTo(ExitCodes.OK);

    FaultConfig faults = new FaultConfig(11, 0.10, 0.05, 0.05, 0.10, 0, 0, 0, 0);
    EngineRun faulty;
    AtomicInteger forgotten = new AtomicInteger();
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv2"))
                .withWorkers(2)
                .withJobDelaySeconds(0.3)
                .withFaults(faults))) {
      Thread restarter = new Thread(() -> restartOnceBusy(server, forgotten));
      restarter.start();
      faulty =
          EngineRun.of(
              "run",
              chaos.resolve("chain.yaml").toString(),
              "--server",
              server.baseUrl(),
              "--format",
              "json");
      restarter.interrupt();
      restarter.join();
    }

    assertThat(faulty.exitCode()).as(faulty.out() + faulty.err()).isEqualTo(ExitCodes.OK);
    assertThat(forgotten.get()).isPositive();
    for (String output : OUTPUTS) {
      assertThat(Files.readAllBytes(chaos.resolve(output)))
          .as(output)
          .isEqualTo(Files.readAllBytes(clean.resolve(output)));
    }
    JsonNode summary = new ObjectMapper().readTree(faulty.out());
    JsonNode manifest =
        new ObjectMapper().readTree(Path.of(summary.path("manifest").asText()).toFile());
    int attempts = 0;
    for (JsonNode step : manifest.path("steps")) {
      attempts += step.path("attempts").asInt();
    }
    assertThat(attempts).isGreaterThan(manifest.path("steps").size());
    assertThat(manifest.toString()).contains("server lost task");
  }

  /** Waits until the server holds an unfinished job, then forgets it as a restart would — once. */
  private static void restartOnceBusy(EmbeddedServer server, AtomicInteger forgotten) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (server.counters().acceptedTasks() >= 1) {
          int n = server.forgetUnfinishedJobs();
          if (n > 0) {
            forgotten.set(n);
            return;
          }
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
