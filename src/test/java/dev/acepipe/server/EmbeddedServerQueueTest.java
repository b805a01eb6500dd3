package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerQueueTest {
  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;

  private void start(EmbeddedServerConfig config) throws IOException {
    server = EmbeddedServer.start(config);
    http = new TestHttp(server.baseUrl());
  }

  private EmbeddedServerConfig config() {
    return EmbeddedServerConfig.defaults(dir.resolve("out")).withSynthesizer(synth);
  }

  @AfterEach
  void stop() {
    synth.open();
    if (server != null) {
      server.close();
    }
  }

  private static final String JOB = "{\"audio_duration\": 1, \"batch_size\": 1}";

  @Test
  void runningAndQueuedJobsReportStageProgressAndQueuePosition() throws Exception {
    synth.hold();
    start(config());
    String running = http.submit(JOB);
    assertThat(synth.started.await(5, TimeUnit.SECONDS)).isTrue();
    String queued = http.submit(JOB);

    JsonNode runningItem = http.item(running);
    JsonNode queuedItem = http.item(queued);

    assertThat(runningItem.get("status").asInt()).isZero();
    JsonNode runningTake = TestHttp.result(runningItem).get(0);
    assertThat(runningTake.get("stage").asText()).isEqualTo("running");
    assertThat(runningTake.get("file").asText()).isEmpty();
    assertThat(runningTake.get("progress").asDouble()).isBetween(0.0, 1.0);
    JsonNode queuedTake = TestHttp.result(queuedItem).get(0);
    assertThat(queuedTake.get("stage").asText()).isEqualTo("queued");
    assertThat(queuedTake.get("queue_position").asInt()).isEqualTo(1);
    JsonNode stats = http.get("/v1/stats").json().get("data");
    assertThat(stats.at("/jobs/running").asInt()).isEqualTo(1);
    assertThat(stats.at("/jobs/queued").asInt()).isEqualTo(1);
    assertThat(stats.get("queue_size").asInt()).isEqualTo(1);
  }

  @Test
  void fullWaitingQueueAnswers429AndCreatesNoJob() throws Exception {
    synth.hold();
    start(config().withQueueMax(1));
    http.submit(JOB);
    assertThat(synth.started.await(5, TimeUnit.SECONDS)).isTrue();
    http.submit(JOB);

    TestHttp.Reply refused = http.post("/release_task", JOB);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).isEqualTo("{\"detail\":\"Server busy: queue is full\"}");
    assertThat(server.counters().acceptedTasks()).isEqualTo(2);
    assertThat(http.get("/v1/stats").json().at("/data/jobs/total").asInt()).isEqualTo(2);
  }

  @Test
  void forgettingUnfinishedJobsMakesThemUnknownButKeepsFinishedOnes() throws Exception {
    start(config());
    String finished = http.submit(JOB);
    http.awaitDone(finished);
    synth.hold();
    String running = http.submit(JOB);
    assertThat(synth.started.await(5, TimeUnit.SECONDS)).isTrue();
    String queued = http.submit(JOB);

    int forgotten = server.forgetUnfinishedJobs();
    synth.open();

    assertThat(forgotten).isEqualTo(2);
    assertThat(http.item(running).get("result").asText()).isEqualTo("[]");
    assertThat(http.item(queued).get("result").asText()).isEqualTo("[]");
    assertThat(http.item(finished).get("status").asInt()).isEqualTo(1);
    Thread.sleep(300);
    assertThat(http.item(running).get("result").asText()).isEqualTo("[]");
  }

  @Test
  void averageJobSecondsMovesWithMeasuredJobDurations() throws Exception {
    MutableClock clock = new MutableClock();
    start(config().withClock(clock));
    assertThat(http.get("/v1/stats").json().at("/data/avg_job_seconds").asDouble()).isZero();
    synth.onRender = () -> clock.advance(Duration.ofSeconds(4));

    http.awaitDone(http.submit(JOB));
    double afterOne = http.get("/v1/stats").json().at("/data/avg_job_seconds").asDouble();
    synth.onRender = () -> clock.advance(Duration.ofSeconds(10));
    http.awaitDone(http.submit(JOB));
    double afterTwo = http.get("/v1/stats").json().at("/data/avg_job_seconds").asDouble();

    assertThat(afterOne).isEqualTo(4.0);
    assertThat(afterTwo).isEqualTo(7.0);
  }

  @Test
  void severalWorkersRenderJobsConcurrently() throws Exception {
    synth.hold();
    start(config().withWorkers(2));

    http.submit(JOB);
    http.submit(JOB);
    Instant deadline = Instant.now().plusSeconds(5);
    while (synth.calls.size() < 2 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }

    assertThat(synth.calls).hasSize(2);
    assertThat(http.get("/v1/stats").json().at("/data/jobs/running").asInt()).isEqualTo(2);
  }

  @Test
  void jobDelayAddsLatencyBeforeRendering() throws Exception {
    start(config().withJobDelaySeconds(0.4));
    long t0 = System.nanoTime();

    http.awaitDone(http.submit(JOB));

    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void configRejectsNonsenseEagerly() {
    assertThatThrownBy(() -> config().withWorkers(0)).hasMessageContaining("workers");
    assertThatThrownBy(() -> config().withPort(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> config().withJobDelaySeconds(-1)).hasMessageContaining("job delay");
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
