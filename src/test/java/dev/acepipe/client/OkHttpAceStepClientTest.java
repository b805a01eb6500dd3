package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class OkHttpAceStepClientTest extends MockServerSupport {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void healthUnwrapsTheWrapper() throws Exception {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));

    Health health = client.health();

    assertThat(health).isEqualTo(new Health("ok", "ACE-Step API", "1.0"));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/health");
  }

  @Test
  void modelsAcceptsTheDocumentedShape() {
    server.enqueue(
        wrapped(
            "{\"models\": [{\"name\": \"acestep-v15-turbo\", \"is_default\": true},"
                + " {\"name\": \"acestep-v15-base\", \"is_default\": false}], \"default_model\": \"acestep-v15-turbo\"}"));

    assertThat(client.models())
        .containsExactly(
            new ModelInfo("acestep-v15-turbo", true), new ModelInfo("acestep-v15-base", false));
  }

  @Test
  void modelsAcceptsTheUnwrappedOpenAiListAndStripsThePrefix() {
    server.enqueue(
        json(
            200,
            "{\"object\": \"list\", \"data\": [{\"id\": \"acestep/acestep-v15-turbo\","
                + " \"object\": \"model\", \"owned_by\": \"acestep\"}]}"));

    assertThat(client.models()).containsExactly(new ModelInfo("acestep-v15-turbo", false));
  }

  @Test
  void statsReadsNestedJobCounts() {
    server.enqueue(
        wrapped(
            "{\"jobs\": {\"total\": 9, \"queued\": 2, \"running\": 1, \"succeeded\": 5,"
                + " \"failed\": 1}, \"queue_size\": 2, \"queue_maxsize\": 200, \"avg_job_seconds\": 41.5}"));

    assertThat(client.stats()).isEqualTo(new ServerStats(9, 2, 1, 5, 1, 2, 200, 41.5));
  }

  @Test
  void submitPostsJsonWithExplicitSeedBatchAndFormat() throws Exception {
    server.enqueue(
        wrapped("{\"task_id\": \"t-1\", \"status\": \"queued\", \"queue_position\": 3}"));
    TaskRequest request =
        TaskRequest.builder()
            .prompt("synthwave")
            .seed(42)
            .batchSize(2)
            .audioFormat("wav")
            .audioDuration(30.0)
            .keyScale("A minor")
            .extra("lm_temperature", 0.85)
            .build();

    Submission submission = client.submit(request);

    assertThat(submission).isEqualTo(new Submission("t-1", "queued", 3));
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getPath()).isEqualTo("/release_task");
    assertThat(recorded.getHeader("Content-Type")).isEqualTo("application/json");
    JsonNode body = mapper.readTree(recorded.getBody().readUtf8());
    assertThat(body.get("seed").asLong()).isEqualTo(42);
    assertThat(body.get("use_random_seed").asBoolean(true)).isFalse();
    assertThat(body.get("batch_size").asInt()).isEqualTo(2);
    assertThat(body.get("audio_format").asText()).isEqualTo("wav");
    assertThat(body.get("task_type").asText()).isEqualTo("text2music");
    assertThat(body.get("key_scale").asText()).isEqualTo("A minor");
    assertThat(body.get("audio_duration").asDouble()).isEqualTo(30.0);
    assertThat(body.get("lm_temperature").asDouble()).isEqualTo(0.85);
    assertThat(body.has("src_audio_path")).as("nulls are omitted").isFalse();
  }

  @Test
  void submitWithoutTaskIdIsAGarbageAnswer() {
    server.enqueue(wrapped("{\"status\": \"queued\"}"));

    AceStepException e =
        catchThrowableOfType(
            () -> client.submit(TaskRequest.builder().seed(1).build()), AceStepException.class);

    assertThat(e.detail()).contains("not an ACE-Step response").contains("task_id");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void wrapperCodeOtherThan200IsAWrapperErrorEvenOnHttp200() {
    server.enqueue(
        json(
            200,
            "{\"data\": null, \"code\": 500, \"error\": \"LLM not initialized\","
                + " \"timestamp\": 1, \"extra\": null}"));

    AceStepException e =
        catchThrowableOfType(
            () ->
                client.formatInput(new FormatRequest("p", "l", null, null, null, null, null, null)),
            AceStepException.class);

    assertThat(e.endpoint()).isEqualTo("/format_input");
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.wrapperError()).isTrue();
    assertThat(e.detail()).contains("LLM not initialized");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void detailStringErrorsCarryTheServersText() {
    server.enqueue(json(429, "{\"detail\": \"Server busy: queue is full\"}"));

    AceStepException e =
        catchThrowableOfType(
            () -> client.submit(TaskRequest.builder().seed(1).build()), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(429);
    assertThat(e.detail()).isEqualTo("Server busy: queue is full");
    assertThat(e.getMessage())
        .isEqualTo("/release_task answered HTTP 429: Server busy: queue is full");
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void validationErrorListsBecomeLocatedMessages() {
    server.enqueue(
        json(
            422,
            "{\"detail\": [{\"loc\": [\"query\", \"path\"], \"msg\": \"field required\","
                + " \"type\": \"value_error.missing\"}]}"));

    AceStepException e = catchThrowableOfType(() -> client.stats(), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(422);
    assertThat(e.detail()).isEqualTo("query.path: field required");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void plainText500IsKeptVerbatimAndTransient() {
    server.enqueue(new MockResponse().setResponseCode(500).setBody("Internal Server Error"));

    AceStepException e =
        catchThrowableOfType(
            () -> client.submit(TaskRequest.builder().seed(1).build()), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.detail()).isEqualTo("Internal Server Error");
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void unauthorizedIsPermanent() {
    server.enqueue(json(401, "{\"detail\": \"Invalid API key\"}"));

    AceStepException e = catchThrowableOfType(() -> client.stats(), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.detail()).isEqualTo("Invalid API key");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void nonJsonSuccessIsReportedAsGarbage() {
    server.enqueue(new MockResponse().setBody("<html>proxy login</html>"));

    AceStepException e = catchThrowableOfType(() -> client.health(), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.detail()).startsWith("not an ACE-Step response: not JSON: <html>");
  }

  @Test
  void refusedConnectionIsATransientErrorWithoutStatus() throws Exception {
    String url = server.url("/").toString();
    server.shutdown();
    try (OkHttpAceStepClient offline =
        new OkHttpAceStepClient(ClientConfig.custom(url).build(), line -> {})) {

      AceStepException e = catchThrowableOfType(offline::health, AceStepException.class);

      assertThat(e.httpStatus()).isEqualTo(AceStepException.NO_RESPONSE);
      assertThat(e.endpoint()).isEqualTo("/health");
      assertThat(e.isTransient()).isTrue();
    }
  }

  @Test
  void aStalledResponseTimesOutAsTransient() {
    server.enqueue(wrapped("{}").setHeadersDelay(3, TimeUnit.SECONDS));
    ClientConfig fast =
        ClientConfig.custom(server.url("/").toString())
            .readTimeout(java.time.Duration.ofMillis(200))
            .build();
    try (OkHttpAceStepClient impatient = new OkHttpAceStepClient(fast, line -> {})) {

      AceStepException e = catchThrowableOfType(impatient::health, AceStepException.class);

      assertThat(e.detail()).contains("timed out");
      assertThat(e.isTransient()).isTrue();
    }
  }

  @Test
  void aConnectionDroppedBeforeAnswerIsTransient() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    AceStepException e = catchThrowableOfType(() -> client.stats(), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(AceStepException.NO_RESPONSE);
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void formatInputOutlastsTheOrdinaryTimeouts() {
    String slowFormat = "{\"caption\": \"c\"}";
    server.enqueue(wrapped(slowFormat).setHeadersDelay(700, TimeUnit.MILLISECONDS));
    server.enqueue(wrapped("{}").setHeadersDelay(700, TimeUnit.MILLISECONDS));
    ClientConfig config =
        ClientConfig.custom(server.url("/").toString())
            .readTimeout(java.time.Duration.ofMillis(300))
            .callTimeout(java.time.Duration.ofMillis(400))
            .formatTimeout(java.time.Duration.ofSeconds(5))
            .build();
    try (OkHttpAceStepClient impatient = new OkHttpAceStepClient(config, line -> {})) {

      FormatResult result =
          impatient.formatInput(new FormatRequest("p", null, null, null, null, null, null, null));
      AceStepException stats = catchThrowableOfType(impatient::stats, AceStepException.class);

      assertThat(result.caption()).isEqualTo("c");
      assertThat(stats.detail()).contains("timed out");
    }
  }

  @Test
  void formatInputSendsParamObjAsAJsonString() throws Exception {
    server.enqueue(
        wrapped(
            "{\"caption\": \"dark synthwave\", \"lyrics\": \"[Verse]\\nla\", \"bpm\": 100,"
                + " \"key_scale\": \"A minor\", \"time_signature\": \"4\", \"duration\": 120, \"vocal_language\": \"en\"}"));

    FormatResult result =
        client.formatInput(
            new FormatRequest("synthwave", "la", 0.8, 120.0, 100, "A minor", "4", "en"));

    assertThat(result)
        .isEqualTo(
            new FormatResult("dark synthwave", "[Verse]\nla", 100, "A minor", "4", 120.0, "en"));
    JsonNode body = mapper.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(body.get("param_obj").isTextual()).isTrue();
    JsonNode params = mapper.readTree(body.get("param_obj").asText());
    assertThat(params.get("bpm").asInt()).isEqualTo(100);
    assertThat(params.get("key").asText()).isEqualTo("A minor");
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.8);
  }

  @Test
  void randomSampleReadsTheSimpleModeShape() throws Exception {
    server.enqueue(
        wrapped(
            "{\"description\": \"a calm piano piece\", \"instrumental\": true,"
                + " \"vocal_language\": \"en\"}"));

    RandomSample sample = client.randomSample("simple_mode");

    assertThat(sample.description()).isEqualTo("a calm piano piece");
    assertThat(sample.instrumental()).isTrue();
    assertThat(sample.language()).isEqualTo("en");
    assertThat(
            mapper.readTree(server.takeRequest().getBody().readUtf8()).get("sample_type").asText())
        .isEqualTo("simple_mode");
  }

  @Test
  void randomSampleReadsTheRealCustomModeShape() {
    server.enqueue(
        wrapped(
            "{\"caption\": \"funk\", \"lyrics\": \"[Chorus]\", \"bpm\": 112, \"duration\": 95,"
                + " \"keyscale\": \"E minor\", \"language\": \"en\", \"timesignature\": \"4\", \"think\": true}"));

    RandomSample sample = client.randomSample("custom_mode");

    assertThat(sample)
        .isEqualTo(
            new RandomSample(null, null, "funk", "[Chorus]", 112, 95.0, "E minor", "4", "en"));
  }

  @Test
  void randomSampleReadsTheDocumentedCustomModeShape() {
    server.enqueue(
        wrapped(
            "{\"caption\": \"funk\", \"lyrics\": \"\", \"bpm\": \"112\", \"audio_duration\": 95.5,"
                + " \"key_scale\": \"E minor\", \"vocal_language\": \"de\", \"time_signature\": \"3\"}"));

    RandomSample sample = client.randomSample("custom_mode");

    assertThat(sample)
        .isEqualTo(new RandomSample(null, null, "funk", "", 112, 95.5, "E minor", "3", "de"));
  }

  @Test
  void oneClientServesManyThreadsAtOnce() throws Exception {
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return wrapped("{\"status\": \"ok\", \"service\": \"s\", \"version\": \"1\"}");
          }
        });
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Health>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        answers.add(pool.submit(client::health));
      }

      for (java.util.concurrent.Future<Health> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new Health("ok", "s", "1"));
      }
      assertThat(server.getRequestCount()).isEqualTo(64);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBaseUrlPrefixIsKept() throws Exception {
    server.enqueue(wrapped("{\"status\": \"ok\"}"));
    ClientConfig prefixed = ClientConfig.custom(server.url("/acestep/").toString()).build();
    try (OkHttpAceStepClient behindProxy = new OkHttpAceStepClient(prefixed, line -> {})) {

      behindProxy.health();

      assertThat(server.takeRequest().getPath()).isEqualTo("/acestep/health");
    }
  }
}
