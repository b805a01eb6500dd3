package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire-level answers of the snapshot and newer profiles, request by request. */
class EmbeddedServerProfilesTest {
  private static final String JOB =
      "{\"prompt\": \"piano\", \"audio_duration\": 1, \"batch_size\": 1,"
          + " \"audio_format\": \"wav\"}";
  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;

  private void start(EmbeddedProfile profile, UnaryOperator<EmbeddedServerConfig> tweak)
      throws Exception {
    server =
        EmbeddedServer.start(
            tweak.apply(
                EmbeddedServerConfig.defaults(dir.resolve("out"))
                    .withSynthesizer(synth)
                    .withProfile(profile)));
    http = new TestHttp(server.baseUrl());
  }

  private void start(EmbeddedProfile profile) throws Exception {
    start(profile, c -> c);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestHttp.Reply post(String path, RequestBody body) throws Exception {
    return http.send(new Request.Builder().url(server.baseUrl() + path).post(body).build());
  }

  @Test
  void everyProfileMarksHealthAsTheProceduralSynthesizer() throws Exception {
    for (EmbeddedProfile profile : EmbeddedProfile.values()) {
      start(profile);

      JsonNode data = http.get("/health").json().get("data");

      assertThat(data.get("synthesizer").asText()).as(profile.label()).isEqualTo("procedural");
      assertThat(data.get("embedded_profile").asText()).isEqualTo(profile.label());
      assertThat(data.has("models_initialized"))
          .as(profile.label())
          .isEqualTo(profile != EmbeddedProfile.SNAPSHOT);
      server.close();
    }
    server = null;
  }

  @Test
  void theSnapshotAnswersTheUnwrappedModelListAndHasNoInventory() throws Exception {
    start(EmbeddedProfile.SNAPSHOT);

    JsonNode models = http.get("/v1/models").json();
    TestHttp.Reply inventory = http.get("/v1/model_inventory");

    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.at("/data/0/id").asText()).isEqualTo("acestep/acestep-v15-turbo");
    assertThat(inventory.status()).isEqualTo(404);
    assertThat(http.get("/openapi.json").json().get("paths").has("/v1/model_inventory")).isFalse();
  }

  @Test
  void theSnapshotCrashesOnFormsAndMultipartAndRefusesPlainText() throws Exception {
    start(EmbeddedProfile.SNAPSHOT);

    TestHttp.Reply form = post("/release_task", new FormBody.Builder().add("prompt", "x").build());
    TestHttp.Reply multipart =
        post(
            "/release_task",
            new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("prompt", "x")
                .build());
    TestHttp.Reply text =
        post("/release_task", RequestBody.create(JOB, MediaType.get("text/plain")));
    TestHttp.Reply noType = post("/release_task", RequestBody.create(JOB.getBytes()));

    assertThat(form.status()).isEqualTo(500);
    assertThat(form.body()).isEqualTo("Internal Server Error");
    assertThat(multipart.status()).isEqualTo(500);
    assertThat(multipart.body()).isEqualTo("Internal Server Error");
    assertThat(text.status()).isEqualTo(415);
    assertThat(noType.status()).as("JSON without a content type is accepted").isEqualTo(200);
    assertThat(server.counters().acceptedTasks()).isEqualTo(1);
  }

  @Test
  void theSnapshotFailsAThinkingJobWithoutAReasonAndFormatInputIs503() throws Exception {
    start(EmbeddedProfile.SNAPSHOT);

    JsonNode item = http.awaitDone(http.submit("{\"thinking\": true, \"audio_duration\": 1}"));
    TestHttp.Reply format = http.post("/format_input", "{\"prompt\": \"pop\"}");

    assertThat(item.get("status").asInt()).isEqualTo(2);
    assertThat(item.has("error")).isFalse();
    assertThat(TestHttp.result(item).get(0).has("error")).isFalse();
    assertThat(format.status()).isEqualTo(503);
    assertThat(format.json().get("detail").asText()).isEqualTo("LLM not initialized");
    assertThat(synth.calls).isEmpty();
  }

  @Test
  void theNewerProfileAnswersBadJsonWith400AndParsesForms() throws Exception {
    start(EmbeddedProfile.NEWER);

    TestHttp.Reply malformed = http.post("/release_task", "{not json");
    TestHttp.Reply array = http.post("/release_task", "[1, 2]");
    TestHttp.Reply noType = post("/release_task", RequestBody.create("{bad".getBytes()));
    TestHttp.Reply text =
        post("/release_task", RequestBody.create(JOB, MediaType.get("text/plain")));
    TestHttp.Reply form =
        post(
            "/release_task",
            new FormBody.Builder()
                .add("prompt", "form caption")
                .add("audio_duration", "1")
                .add("batch_size", "1")
                .add("use_cot_caption", "false")
                .build());

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).isEqualTo("Malformed JSON payload");
    assertThat(array.json().get("detail").asText()).isEqualTo("JSON payload must be an object");
    assertThat(noType.json().get("detail").asText()).startsWith("Invalid JSON body");
    assertThat(text.status()).isEqualTo(415);
    assertThat(form.status()).isEqualTo(200);
    JsonNode done = http.awaitDone(form.json().at("/data/task_id").asText());
    assertThat(TestHttp.result(done).get(0).get("prompt").asText()).isEqualTo("form caption");
  }

  @Test
  void aNewerUploadWinsOverAPathFieldAndIsSavedWithItsSuffixInTheTempDir() throws Exception {
    start(EmbeddedProfile.NEWER);
    Path wav = tone(dir.resolve("source.wav"));
    http.awaitDone(http.submit(JOB));
    synth.hold();

    TestHttp.Reply r =
        post(
            "/release_task",
            new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("task_type", "cover")
                .addFormDataPart("audio_duration", "1")
                .addFormDataPart("batch_size", "1")
                .addFormDataPart("src_audio_path", "/etc/outside.wav")
                .addFormDataPart(
                    "src_audio",
                    "source.wav",
                    RequestBody.create(wav.toFile(), MediaType.get("audio/wav")))
                .build());
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
    while (synth.calls.size() < 2 && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    Path source = synth.calls.get(1).request().sourceAudio();
    synth.open();
    JsonNode done = http.awaitDone(r.json().at("/data/task_id").asText());

    assertThat(r.status()).isEqualTo(200);
    assertThat(source.getFileName().toString()).endsWith(".wav");
    assertThat(source.getParent()).isEqualTo(server.config().effectiveTempDir());
    assertThat(done.get("status").asInt()).isEqualTo(1);
    assertThat(source).doesNotExist();
  }

  @Test
  void aNewerServerFailsACoverOfASilentUploadWithoutAReason() throws Exception {
    start(EmbeddedProfile.NEWER);
    Path silent = dir.resolve("silent.wav");
    RecordingSynthesizer.writeSilence(silent, 1);

    TestHttp.Reply r =
        post(
            "/release_task",
            new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("task_type", "cover")
                .addFormDataPart("batch_size", "1")
                .addFormDataPart(
                    "src_audio",
                    "silent.wav",
                    RequestBody.create(silent.toFile(), MediaType.get("audio/wav")))
                .build());
    JsonNode done = http.awaitDone(r.json().at("/data/task_id").asText());

    assertThat(done.get("status").asInt()).isEqualTo(2);
    assertThat(done.has("error")).isFalse();
    assertThat(synth.calls).isEmpty();
  }

  /** A one-second 440 Hz WAV: audio a newer server accepts as a source. */
  private static Path tone(Path file) throws Exception {
    short[] samples = new short[48_000 * 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i / 2) / 48_000.0));
    }
    dev.acepipe.audio.AudioFiles.write(
        dev.acepipe.audio.Pcm.of(48_000, 2, samples), dev.acepipe.audio.AudioFormat.WAV, file);
    return file;
  }

  @Test
  void aNewerServerWithAKeyGuardsTheInventoryButNotOpenapi() throws Exception {
    start(EmbeddedProfile.NEWER, c -> c.withApiKey("k-1"));

    TestHttp.Reply inventory = http.get("/v1/model_inventory");
    TestHttp.Reply withKey = http.get("/v1/model_inventory", "Authorization", "Bearer k-1");
    JsonNode openapi = http.get("/openapi.json").json();

    assertThat(inventory.status()).isEqualTo(401);
    assertThat(inventory.json().get("detail").asText()).isEqualTo("Missing Authorization header");
    assertThat(withKey.json().at("/data/models/1/supported_task_types").toString())
        .contains("lego");
    assertThat(openapi.get("paths").has("/release_task")).isTrue();
    assertThat(openapi.get("paths").has("/v1/model_inventory")).isTrue();
  }

  @Test
  void finishedJobsOfAStateDirSurviveARestartOfAnyProfile() throws Exception {
    start(EmbeddedProfile.EMBEDDED, c -> c.withStateDir(dir.resolve("state")));
    String id = http.submit(JOB);
    JsonNode before = http.awaitDone(id);
    EmbeddedServerConfig config = server.config().withPort(server.port());
    server.close();

    server = EmbeddedServer.start(config);
    http = new TestHttp(server.baseUrl());
    JsonNode after = http.item(id);

    assertThat(after).isEqualTo(before);
    assertThat(http.get("/v1/stats").json().at("/data/jobs/total").asInt())
        .as("stats are per process")
        .isZero();
  }
}
