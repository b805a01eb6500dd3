package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.InitResult;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/init} changes the model later jobs run on, and, like upstream's (which runs on
 * the one-thread executor of its jobs), waits for the job rendering now instead of switching under
 * it.
 */
@Timeout(60)
class ModelInitWaitsTest {
  @TempDir Path dir;

  @Test
  void initWaitsForTheRunningJobThenLaterJobsRunOnTheNewModel() throws Exception {
    try (EmbeddedServer server =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(dir.resolve("out"))
                    .withProfile(EmbeddedProfile.NEWER)
                    .withJobDelaySeconds(1.0));
        OkHttpAceStepClient client =
            new OkHttpAceStepClient(
                ClientConfig.custom(server.baseUrl()).readTimeout(Duration.ofSeconds(20)).build(),
                line -> {})) {
      TaskRequest job =
          TaskRequest.builder().prompt("drums").audioDuration(2.0).audioFormat("wav").build();
      String first = client.submit(job).taskId();
      Instant deadline = Instant.now().plusSeconds(10);
      while (client.stats().running() == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(10);
      }

      InitResult init = client.initModel("acestep-v15-base", 1);
      String second = client.submit(job).taskId();
      while (!(client.query(List.of(second)).get(0) instanceof TaskStatus.Succeeded)
          && Instant.now().isBefore(deadline.plusSeconds(10))) {
        Thread.sleep(20);
      }

      assertThat(init.loadedModel()).isEqualTo("acestep-v15-base");
      assertThat(server.loadedModel()).isEqualTo("acestep-v15-base");
      assertThat(server.counters().modelSwitchesWhileRunning()).isZero();
      List<ServerCounters.Event.Kind> kinds =
          server.counters().events().stream()
              .filter(e -> e.kind() != ServerCounters.Event.Kind.JOB_QUEUED)
              .map(ServerCounters.Event::kind)
              .toList();
      assertThat(kinds)
          .containsExactly(
              ServerCounters.Event.Kind.JOB_STARTED,
              ServerCounters.Event.Kind.JOB_ENDED,
              ServerCounters.Event.Kind.MODEL_SWITCHED,
              ServerCounters.Event.Kind.JOB_STARTED,
              ServerCounters.Event.Kind.JOB_ENDED);
      TaskStatus.Succeeded done = (TaskStatus.Succeeded) client.query(List.of(second)).get(0);
      assertThat(done.takes().get(0).ditModel()).isEqualTo("acestep-v15-base");
      assertThat(first).isNotEqualTo(second);
    }
  }
}
