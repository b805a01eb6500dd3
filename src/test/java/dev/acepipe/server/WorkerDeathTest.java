package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WorkerDeathTest {
  private static final String JOB = "{\"audio_duration\": 1, \"batch_size\": 1}";

  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;

  @BeforeEach
  void start() throws Exception {
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("out"))
                .withSynthesizer(synth)
                .withWorkers(1));
    http = new TestHttp(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aWorkerThatRunsOutOfMemoryFailsItsJobAtOnceWithTheReasonAndServesTheNext() throws Exception {
    AtomicBoolean once = new AtomicBoolean();
    synth.onRender =
        () -> {
          if (once.compareAndSet(false, true)) {
            throw new OutOfMemoryError("Java heap space (injected)");
          }
        };

    JsonNode dead = http.awaitDone(http.submit(JOB));
    JsonNode next = http.awaitDone(http.submit(JOB));

    assertThat(dead.get("status").asInt()).isEqualTo(2);
    assertThat(dead.toString()).contains("OutOfMemoryError", "Java heap space (injected)");
    assertThat(next.get("status").asInt()).as("the single worker still serves jobs").isEqualTo(1);
  }
}
