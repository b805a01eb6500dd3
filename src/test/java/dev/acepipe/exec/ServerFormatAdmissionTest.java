package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A take format the server cannot write fails its step before anything is submitted: a snapshot
 * server silently writes flac for opus, aac and wav32, after spending the GPU time.
 */
@Timeout(60)
class ServerFormatAdmissionTest {
  @TempDir Path dir;

  private RunResult run(EmbeddedServer server, String format) {
    // real time: the embedded server renders in real time, and a fake clock would call it lost
    java.time.Clock clock = java.time.Clock.systemUTC();
    TaskRequest request =
        TaskRequest.builder()
            .prompt("synthwave")
            .seed(7)
            .batchSize(1)
            .audioDuration(10.0)
            .audioFormat(format)
            .build();
    try (OkHttpAceStepClient client =
        new OkHttpAceStepClient(
            ClientConfig.custom(server.baseUrl()).readTimeout(Duration.ofSeconds(20)).build(),
            line -> {})) {
      return TestExecutors.plain(
              RunServers.one(client), clock, Sleeper.SYSTEM, dir.resolve("takes"))
          .run(List.of(TestExecutors.generate("draft", request)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"opus", "aac", "wav32"})
  void aSnapshotServerIsNeverSentAFormatItCannotWrite(String format) throws Exception {
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.SNAPSHOT))) {

      RunResult result = run(server, format);

      StepReport step = result.step("draft").orElseThrow();
      assertThat(step.state()).isEqualTo(StepState.FAILED);
      assertThat(step.error())
          .contains("server " + server.baseUrl())
          .contains("snapshot generation")
          .contains("cannot write " + format)
          .contains("it writes flac, mp3, wav");
      assertThat(server.counters().requests("/release_task")).isZero();
      assertThat(server.counters().acceptedTasks()).isZero();
    }
  }

  @Test
  void aSnapshotServerStillRendersTheFormatsItWrites() throws Exception {
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.SNAPSHOT))) {

      RunResult result = run(server, "wav");

      assertThat(result.outcome())
          .as(result.steps().toString())
          .isEqualTo(RunResult.Outcome.SUCCEEDED);
      assertThat(server.counters().acceptedTasks()).isEqualTo(1);
    }
  }
}
