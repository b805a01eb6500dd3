package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerSecurityTest {
  private static final String KEY = "s3cret-key";
  @TempDir Path dir;
  private final RecordingSynthesizer synth = new RecordingSynthesizer();
  private EmbeddedServer server;
  private TestHttp http;
  private Path out;

  @BeforeEach
  void start() throws Exception {
    out = dir.resolve("out");
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(out)
                .withSynthesizer(synth)
                .withApiKey(KEY)
                .withUploadLimitBytes(4096));
    http = new TestHttp(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String[] bearer(String key) {
    return new String[] {"Authorization", "Bearer " + key};
  }

  @Test
  void healthAndModelsNeverNeedTheKey() throws Exception {
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(http.get("/v1/models").status()).isEqualTo(200);
  }

  @Test
  void postWithoutAnyKeyIsMissing() throws Exception {
    TestHttp.Reply r = http.post("/release_task", "{\"audio_duration\": 1}");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).isEqualTo("Missing API key");
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void postWithAWrongKeyIsInvalidWhetherInHeaderOrBody() throws Exception {
    TestHttp.Reply header = http.post("/release_task", "{\"audio_duration\": 1}", bearer("wrong"));
    TestHttp.Reply body =
        http.post("/query_result", "{\"task_id_list\": [], \"ai_token\": \"wrong\"}");

    assertThat(header.status()).isEqualTo(401);
    assertThat(header.json().get("detail").asText()).isEqualTo("Invalid API key");
    assertThat(body.status()).isEqualTo(401);
    assertThat(body.json().get("detail").asText()).isEqualTo("Invalid API key");
  }

  @Test
  void postAcceptsTheKeyInTheBodyOrAsBearerHeader() throws Exception {
    TestHttp.Reply body =
        http.post("/release_task", "{\"audio_duration\": 1, \"ai_token\": \"" + KEY + "\"}");
    TestHttp.Reply header = http.post("/format_input", "{\"prompt\": \"pop\"}", bearer(KEY));

    assertThat(body.status()).isEqualTo(200);
    assertThat(header.status()).isEqualTo(200);
  }

  @Test
  void statsAndAudioAcceptTheHeaderOnly() throws Exception {
    TestHttp.Reply tokenInQuery = http.get("/v1/stats?ai_token=" + KEY);
    TestHttp.Reply withHeader = http.get("/v1/stats", bearer(KEY));
    TestHttp.Reply audioNoHeader = http.get("/v1/audio?path=" + out.resolve("x.wav"));

    assertThat(tokenInQuery.status()).isEqualTo(401);
    assertThat(withHeader.status()).isEqualTo(200);
    assertThat(audioNoHeader.status()).isEqualTo(401);
  }

  @Test
  void theKeyNeverAppearsInTheConfigsToString() {
    assertThat(EmbeddedServerConfig.defaults(out).withApiKey(KEY).toString())
        .doesNotContain(KEY)
        .contains("***");
  }

  @Test
  void audioWithoutPathIs422WithTheListShapedDetail() throws Exception {
    TestHttp.Reply r = http.get("/v1/audio", bearer(KEY));

    assertThat(r.status()).isEqualTo(422);
    JsonNode detail = r.json().get("detail");
    assertThat(detail.isArray()).isTrue();
    assertThat(detail.get(0).get("loc").toString()).isEqualTo("[\"query\",\"path\"]");
    assertThat(detail.get(0).get("msg").asText()).isEqualTo("Field required");
  }

  @Test
  void audioRefusesDotDotSegmentsEvenWhenTheyLeadBackInside() throws Exception {
    Files.createDirectories(out.resolve("a"));
    Files.writeString(out.resolve("b.wav"), "x");

    TestHttp.Reply inside = http.get("/v1/audio?path=" + out.resolve("a/../b.wav"), bearer(KEY));
    TestHttp.Reply outside = http.get("/v1/audio?path=" + out + "/../../etc/passwd", bearer(KEY));

    assertThat(inside.status()).isEqualTo(403);
    assertThat(outside.status()).isEqualTo(403);
    assertThat(outside.json().get("detail").asText()).isNotBlank();
  }

  @Test
  void audioRefusesEncodedAndDoubleEncodedDotDot() throws Exception {
    TestHttp.Reply encoded =
        http.get("/v1/audio?path=" + out + "/%2e%2e/%2E%2E/etc/passwd", bearer(KEY));
    TestHttp.Reply doubled =
        http.get("/v1/audio?path=" + out + "/%252e%252e/secret.wav", bearer(KEY));

    assertThat(encoded.status()).isEqualTo(403);
    assertThat(doubled.status()).isEqualTo(403);
  }

  @Test
  void audioRefusesAbsolutePathsOutsideTheOutputDirectory() throws Exception {
    Path secret = dir.resolve("secret.wav");
    Files.writeString(secret, "secret");

    TestHttp.Reply r = http.get("/v1/audio?path=" + secret, bearer(KEY));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("secret\"").doesNotContain("secret\n");
  }

  @Test
  void audioRefusesASymlinkThatLeadsOut() throws Exception {
    Path secret = dir.resolve("secret.wav");
    Files.writeString(secret, "secret");
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("link.wav"), secret);

    TestHttp.Reply r = http.get("/v1/audio?path=" + out.resolve("link.wav"), bearer(KEY));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("secret\"");
  }

  @Test
  void audioAnswers404ForAMissingFileInside() throws Exception {
    TestHttp.Reply r = http.get("/v1/audio?path=" + out.resolve("missing.flac"), bearer(KEY));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("detail").asText()).isEqualTo("File not found");
  }

  @Test
  void audioServesFilesInsideWithTheirContentType() throws Exception {
    Files.createDirectories(out);
    Files.write(out.resolve("a b.flac"), new byte[] {1, 2, 3});
    Files.write(out.resolve("c.mp3"), new byte[] {4});

    TestHttp.Reply flac =
        http.get(
            "/v1/audio?path=" + AudioEndpoint.encodePath(out.resolve("a b.flac").toRealPath()),
            bearer(KEY));
    TestHttp.Reply mp3 = http.get("/v1/audio?path=" + out.resolve("c.mp3"), bearer(KEY));

    assertThat(flac.status()).isEqualTo(200);
    assertThat(flac.contentType()).isEqualTo("audio/flac");
    assertThat(flac.bytes()).containsExactly(1, 2, 3);
    assertThat(mp3.contentType()).isEqualTo("audio/mpeg");
  }

  @Test
  void multipartUploadIsSavedUnderUploadsAndUsedAsTheSource() throws Exception {
    Path local = dir.resolve("local.wav");
    Files.write(local, new byte[1000]);
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("task_type", "cover")
            .addFormDataPart("param_obj", "{\"audio_cover_strength\": 0.4}")
            .addFormDataPart("batch_size", "1")
            .addFormDataPart("ai_token", KEY)
            .addFormDataPart(
                "src_audio",
                "../../evil name.wav",
                RequestBody.create(Files.readAllBytes(local), MediaType.get("audio/wav")))
            .build();

    TestHttp.Reply r =
        http.send(new Request.Builder().url(server.baseUrl() + "/release_task").post(body).build());
    http.awaitDone(r.json().at("/data/task_id").asText(), bearer(KEY));

    assertThat(r.status()).isEqualTo(200);
    RecordingSynthesizer.Call call = synth.calls.get(0);
    assertThat(call.request().coverStrength()).isEqualTo(0.4);
    // The upload is not a decodable source for this fake, but it is passed on: the server only
    // checks it exists.
    assertThat(call.request().sourceAudio()).isNotNull();
    assertThat(call.request().sourceAudio().getParent())
        .isEqualTo(out.toRealPath().resolve("uploads"));
    assertThat(call.request().sourceAudio().getFileName().toString()).endsWith("-evil_name.wav");
    assertThat(Files.size(call.request().sourceAudio())).isEqualTo(1000);
  }

  @Test
  void uploadPastTheLimitIs413WithDetailAndCreatesNoJob() throws Exception {
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("ai_token", KEY)
            .addFormDataPart(
                "src_audio",
                "big.wav",
                RequestBody.create(new byte[5000], MediaType.get("audio/wav")))
            .build();

    TestHttp.Reply r =
        http.send(new Request.Builder().url(server.baseUrl() + "/release_task").post(body).build());

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("detail").asText()).contains("4096");
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void uploadsLargerThanTheJsonBodyLimitAreAcceptedUpToTheUploadLimit() throws Exception {
    server.close();
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults(out).withSynthesizer(synth));
    RequestBody body =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("batch_size", "1")
            .addFormDataPart(
                "ref_audio",
                "big.wav",
                RequestBody.create(new byte[20 * 1024 * 1024], MediaType.get("audio/wav")))
            .build();

    TestHttp.Reply r =
        http(server)
            .send(new Request.Builder().url(server.baseUrl() + "/release_task").post(body).build());
    http(server).awaitDone(r.json().at("/data/task_id").asText());

    assertThat(r.status()).isEqualTo(200);
    assertThat(Files.size(synth.calls.get(0).request().referenceAudio()))
        .isEqualTo(20L * 1024 * 1024);
  }

  private static TestHttp http(EmbeddedServer s) {
    return new TestHttp(s.baseUrl());
  }
}
