package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.server.synth.SynthRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerContractTest {
  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;

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
  void bindsLoopbackOnAFreePortByDefault() {
    assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(server.port()).isPositive();
  }

  @Test
  void healthAnswersTheWrappedServiceDescription() throws Exception {
    TestHttp.Reply r = http.get("/health");

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("code").asInt()).isEqualTo(200);
    assertThat(body.get("error").isNull()).isTrue();
    assertThat(body.get("extra").isNull()).isTrue();
    assertThat(body.get("timestamp").asLong()).isPositive();
    assertThat(body.at("/data/status").asText()).isEqualTo("ok");
    assertThat(body.at("/data/service").asText()).isEqualTo("ACE-Step API");
  }

  @Test
  void modelsUseTheDocumentedWrappedShape() throws Exception {
    JsonNode data = http.get("/v1/models").json().get("data");

    assertThat(data.get("default_model").asText()).isEqualTo("acestep-v15-turbo");
    assertThat(data.get("models").get(0).get("name").asText()).isEqualTo("acestep-v15-turbo");
    assertThat(data.get("models").get(0).get("is_default").asBoolean()).isTrue();
  }

  @Test
  void releaseTaskAnswersIdStatusAndQueuePosition() throws Exception {
    JsonNode data =
        http.post("/release_task", "{\"prompt\": \"piano\", \"audio_duration\": 1}")
            .json()
            .get("data");

    assertThat(data.get("task_id").asText()).isNotBlank();
    assertThat(data.get("status").asText()).isEqualTo("queued");
    assertThat(data.get("queue_position").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(server.counters().acceptedTasks()).isEqualTo(1);
    assertThat(server.counters().requests("/release_task")).isEqualTo(1);
  }

  @Test
  void finishedJobReportsEveryTakeWithFileUrlMetasAndSeeds() throws Exception {
    String id =
        http.submit(
            "{\"prompt\": \"jazz trio\", \"audio_duration\": 1.5, \"bpm\": 96, \"key_scale\": "
                + "\"F# minor\", \"time_signature\": \"3\", \"seed\": 41, \"use_random_seed\": false, \"batch_size\": 2,"
                + " \"audio_format\": \"wav\"}");

    JsonNode item = http.awaitDone(id);

    assertThat(item.get("task_id").asText()).isEqualTo(id);
    assertThat(item.get("status").asInt()).isEqualTo(1);
    assertThat(item.get("result").isTextual()).isTrue();
    JsonNode takes = TestHttp.result(item);
    assertThat(takes).hasSize(2);
    JsonNode take = takes.get(0);
    assertThat(take.get("status").asInt()).isEqualTo(1);
    assertThat(take.get("file").asText()).startsWith("/v1/audio?path=/").endsWith("take-1.wav");
    assertThat(take.get("seed_value").asText()).isEqualTo("41,42");
    assertThat(take.get("metas").get("bpm").asInt()).isEqualTo(96);
    assertThat(take.get("metas").get("duration").asDouble()).isEqualTo(1.5);
    assertThat(take.get("metas").get("keyscale").asText()).isEqualTo("F# minor");
    assertThat(take.get("metas").get("timesignature").asText()).isEqualTo("3");
    assertThat(take.get("dit_model").asText()).isEqualTo("acestep-v15-turbo");
    assertThat(take.get("stage").asText()).isEqualTo("succeeded");
    assertThat(take.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(synth.calls).extracting(RecordingSynthesizer.Call::seed).containsExactly(41L, 42L);
  }

  @Test
  void batchSizeDefaultsToTwoAndRandomSeedsDifferPerTake() throws Exception {
    String id = http.submit("{\"prompt\": \"rock\", \"audio_duration\": 1, \"seed\": 5}");

    JsonNode takes = TestHttp.result(http.awaitDone(id));

    assertThat(takes).hasSize(2);
    assertThat(synth.calls).hasSize(2);
    assertThat(synth.calls.get(0).seed()).isNotEqualTo(synth.calls.get(1).seed());
    assertThat(takes.get(0).get("seed_value").asText())
        .isEqualTo(synth.calls.get(0).seed() + "," + synth.calls.get(1).seed());
  }

  @Test
  void parametersComeFromParamObjStringMetasAndCamelCaseWithTopLevelWinning() throws Exception {
    String body =
        "{\"caption\": \"top caption\", \"bpm\": 150, \"unknownKey\": {\"x\": 1},"
            + " \"param_obj\": \"{\\\"bpm\\\": 90, \\\"audioDuration\\\": 2.5, \\\"keyScale\\\": \\\"E minor\\\"}\","
            + " \"metas\": {\"timesignature\": \"6\", \"key\": \"C major\"}, \"batchSize\": 1, \"audioFormat\": \"ogg\"}";

    http.awaitDone(http.submit(body));

    SynthRequest request = synth.calls.get(0).request();
    assertThat(request.caption()).isEqualTo("top caption");
    assertThat(request.bpm()).isEqualTo(150);
    assertThat(request.durationSeconds()).isEqualTo(2.5);
    assertThat(request.keyScale()).isEqualTo("E minor");
    assertThat(request.timeSignature()).isEqualTo("6");
    assertThat(request.audioFormat()).isEqualTo("flac");
    assertThat(synth.calls).hasSize(1);
  }

  @Test
  void paramObjMayBeAnObject() throws Exception {
    http.awaitDone(
        http.submit("{\"param_obj\": {\"duration\": 3, \"language\": \"de\"}, \"batch_size\": 1}"));

    assertThat(synth.calls.get(0).request().durationSeconds()).isEqualTo(3.0);
  }

  @Test
  void missingDurationIsDerivedFromTheLyricLines() throws Exception {
    String lyrics = "[Verse]\\n" + "a line\\n".repeat(10) + "[Outro]";

    http.awaitDone(http.submit("{\"lyrics\": \"" + lyrics + "\", \"batch_size\": 1}"));

    assertThat(synth.calls.get(0).request().durationSeconds()).isEqualTo(48.0);
  }

  @Test
  void repaintWithAMissingSourceSucceedsAsText2Music() throws Exception {
    String id =
        http.submit(
            "{\"task_type\": \"repaint\", \"src_audio_path\": \""
                + dir.resolve("out/nope.wav")
                + "\", \"audio_duration\": 1, \"batch_size\": 1}");

    JsonNode item = http.awaitDone(id);

    assertThat(item.get("status").asInt()).isEqualTo(1);
    assertThat(synth.calls.get(0).request().taskType()).isEqualTo("text2music");
    assertThat(synth.calls.get(0).request().sourceAudio()).isNull();
  }

  @Test
  void repaintReadsAServerLocalSourceInsideTheOutputDirectory() throws Exception {
    Path src = server.outputDir().resolve("src.wav");
    RecordingSynthesizer.writeSilence(src, 1);

    http.awaitDone(
        http.submit(
            "{\"task_type\": \"repaint\", \"src_audio_path\": \""
                + src
                + "\","
                + " \"repainting_start\": 0.25, \"repainting_end\": 0.5, \"batch_size\": 1}"));

    SynthRequest request = synth.calls.get(0).request();
    assertThat(request.taskType()).isEqualTo("repaint");
    assertThat(request.sourceAudio()).isEqualTo(src.toRealPath());
    assertThat(request.repaintStart()).isEqualTo(0.25);
    assertThat(request.repaintEnd()).isEqualTo(0.5);
  }

  @Test
  void unknownTaskIdsAnswerStatusZeroWithAnEmptyListInOrder() throws Exception {
    String id = http.submit("{\"audio_duration\": 1, \"batch_size\": 1}");
    http.awaitDone(id);

    JsonNode data =
        http.post("/query_result", "{\"task_id_list\": [\"nope\", \"" + id + "\"]}")
            .json()
            .get("data");

    assertThat(data).hasSize(2);
    assertThat(data.get(0).get("task_id").asText()).isEqualTo("nope");
    assertThat(data.get(0).get("status").asInt()).isZero();
    assertThat(data.get(0).get("result").asText()).isEqualTo("[]");
    assertThat(data.get(1).get("status").asInt()).isEqualTo(1);
  }

  @Test
  void queryResultWithoutJsonContentTypeSilentlyAnswersAnEmptyList() throws Exception {
    okhttp3.Request request =
        new okhttp3.Request.Builder()
            .url(server.baseUrl() + "/query_result")
            .post(
                okhttp3.RequestBody.create(
                    "{\"task_id_list\": [\"a\"]}", okhttp3.MediaType.get("text/plain")))
            .build();

    TestHttp.Reply r = http.send(request);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).isEmpty();
  }

  @Test
  void malformedJsonAnswersPlainTextInternalServerError() throws Exception {
    TestHttp.Reply r = http.post("/release_task", "{\"prompt\": ");

    assertThat(r.status()).isEqualTo(500);
    assertThat(r.contentType()).startsWith("text/plain");
    assertThat(r.body()).isEqualTo("Internal Server Error");
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void unknownRouteAnswersDetailNotFound() throws Exception {
    TestHttp.Reply r = http.get("/nope");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("detail").asText()).isEqualTo("Not Found");
  }

  @Test
  void wrongMethodAnswersDetailMethodNotAllowed() throws Exception {
    TestHttp.Reply r = http.get("/release_task");

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.json().get("detail").asText()).isEqualTo("Method Not Allowed");
  }

  @Test
  void statsReportJobCountsAndQueueLimits() throws Exception {
    http.awaitDone(http.submit("{\"audio_duration\": 1, \"batch_size\": 1}"));

    JsonNode data = http.get("/v1/stats").json().get("data");

    assertThat(data.at("/jobs/total").asInt()).isEqualTo(1);
    assertThat(data.at("/jobs/succeeded").asInt()).isEqualTo(1);
    assertThat(data.at("/jobs/queued").asInt()).isZero();
    assertThat(data.get("queue_size").asInt()).isZero();
    assertThat(data.get("queue_maxsize").asInt()).isEqualTo(200);
    assertThat(data.has("avg_job_seconds")).isTrue();
  }

  @Test
  void fileUrlDownloadsTheTakeWithItsContentType() throws Exception {
    JsonNode take =
        TestHttp.result(
                http.awaitDone(
                    http.submit(
                        "{\"audio_duration\": 1, \"batch_size\": 1, \"audio_format\": \"wav\"}")))
            .get(0);

    TestHttp.Reply r = http.get(take.get("file").asText());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("audio/wav");
    assertThat(r.bytes()).hasSize(44 + 48_000 * 4);
  }
}
