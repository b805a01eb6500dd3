package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerFaultsTest {
  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;

  private static final String JOB = "{\"audio_duration\": 1, \"batch_size\": 1}";

  @BeforeEach
  void start() throws Exception {
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("out")).withSynthesizer(synth));
    http = new TestHttp(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void injected500IsPlainTextAndSparesHealth() throws Exception {
    server.faults(FaultConfig.parse("http500=1"));

    TestHttp.Reply r = http.post("/release_task", JOB);

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("Internal Server Error");
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void injected429HitsReleaseTaskOnly() throws Exception {
    server.faults(FaultConfig.parse("http429=1"));

    TestHttp.Reply refused = http.post("/release_task", JOB);
    TestHttp.Reply query = http.post("/query_result", "{\"task_id_list\": []}");

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().get("detail").asText()).isEqualTo("Server busy: queue is full");
    assertThat(query.status()).isEqualTo(200);
  }

  @Test
  void droppedConnectionGivesTheClientNoResponse() throws Exception {
    server.faults(FaultConfig.parse("drop=1"));

    assertThatThrownBy(() -> http.post("/release_task", JOB)).isInstanceOf(IOException.class);
    assertThat(server.counters().requests("/release_task")).isEqualTo(1);
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void failedJobFaultReportsStatusTwoWithAnError() throws Exception {
    server.faults(FaultConfig.parse("fail=1"));

    JsonNode item = http.awaitDone(http.submit(JOB));

    assertThat(item.get("status").asInt()).isEqualTo(2);
    assertThat(item.get("error").asText()).contains("injected");
    assertThat(TestHttp.result(item).get(0).get("stage").asText()).isEqualTo("failed");
    assertThat(synth.calls).isEmpty();
    assertThat(http.get("/v1/stats").json().at("/data/jobs/failed").asInt()).isEqualTo(1);
  }

  @Test
  void slowJobFaultAddsItsSeconds() throws Exception {
    server.faults(FaultConfig.parse("slow=1,slow-seconds=0.3"));
    long t0 = System.nanoTime();

    http.awaitDone(http.submit(JOB));

    assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void theSameFaultSeedGivesTheSameSequence() throws Exception {
    List<Integer> first = statuses("seed=42,http500=0.5");
    List<Integer> second = statuses("seed=42,http500=0.5");
    List<Integer> other = statuses("seed=7,http500=0.5");

    assertThat(first).isEqualTo(second).contains(200, 500);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void clearingFaultsRestoresNormalService() throws Exception {
    server.faults(FaultConfig.parse("http500=1"));
    server.faults(FaultConfig.NONE);

    assertThat(http.post("/release_task", JOB).status()).isEqualTo(200);
  }

  private List<Integer> statuses(String spec) throws IOException {
    server.faults(FaultConfig.parse(spec));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      statuses.add(http.post("/query_result", "{\"task_id_list\": []}").status());
    }
    return statuses;
  }
}
