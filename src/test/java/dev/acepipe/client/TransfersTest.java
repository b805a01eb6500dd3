package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransfersTest extends MockServerSupport {
  @TempDir Path dir;

  private static byte[] audioBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private String[] filesIn(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toArray(String[]::new);
    }
  }

  @Test
  void downloadStreamsToTargetWithHashAndSize() throws Exception {
    byte[] audio = audioBytes(300_000);
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "audio/flac")
            .setBody(new Buffer().write(audio)));
    Path target = dir.resolve("takes/draft-0.flac");

    Download download = client.download("/v1/audio?path=%2Fsrv%2Fout%2Fa.flac", target);

    assertThat(download).isEqualTo(new Download(target, audio.length, sha256(audio)));
    assertThat(Files.readAllBytes(target)).isEqualTo(audio);
    assertThat(filesIn(target.getParent())).containsExactly("draft-0.flac");
    assertThat(server.takeRequest().getPath()).isEqualTo("/v1/audio?path=%2Fsrv%2Fout%2Fa.flac");
  }

  @Test
  void downloadResolvesRelativeFileUrlsUnderABasePathPrefix() throws Exception {
    server.enqueue(new MockResponse().setBody("abc"));
    ClientConfig prefixed = ClientConfig.custom(server.url("/acestep").toString()).build();
    try (OkHttpAceStepClient behindProxy = new OkHttpAceStepClient(prefixed, line -> {})) {

      behindProxy.download("/v1/audio?path=%2Fo%2Fa.flac", dir.resolve("a.flac"));

      assertThat(server.takeRequest().getPath()).isEqualTo("/acestep/v1/audio?path=%2Fo%2Fa.flac");
    }
  }

  @Test
  void downloadCutMidBodyFailsTransientlyAndLeavesNothing() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(audioBytes(200_000)))
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    Path target = dir.resolve("cut.flac");

    AceStepException e =
        catchThrowableOfType(
            () -> client.download("/v1/audio?path=%2Fo%2Fcut.flac", target),
            AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(AceStepException.NO_RESPONSE);
    assertThat(e.detail()).contains("connection lost after");
    assertThat(e.isTransient()).isTrue();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void bodyShorterThanContentLengthFailsAndLeavesNothing() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(audioBytes(1000)))
            .setHeader("Content-Length", "5000")
            .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));

    AceStepException e =
        catchThrowableOfType(
            () -> client.download("/v1/audio?path=%2Fo%2Fshort.flac", dir.resolve("short.flac")),
            AceStepException.class);

    assertThat(e.detail()).contains("connection lost after 1000 of 5000 bytes");
    assertThat(e.isTransient()).isTrue();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void aStalledDownloadTimesOutAndLeavesNothing() throws Exception {
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(audioBytes(100_000)))
            .throttleBody(10_000, 1, java.util.concurrent.TimeUnit.SECONDS));
    ClientConfig impatient =
        ClientConfig.custom(server.url("/").toString())
            .readTimeout(java.time.Duration.ofMillis(300))
            .build();
    try (OkHttpAceStepClient slowReader = new OkHttpAceStepClient(impatient, line -> {})) {

      AceStepException e =
          catchThrowableOfType(
              () ->
                  slowReader.download("/v1/audio?path=%2Fo%2Fslow.flac", dir.resolve("slow.flac")),
              AceStepException.class);

      assertThat(e.detail()).contains("connection lost after").contains("timed out");
      assertThat(e.isTransient()).isTrue();
      assertThat(filesIn(dir)).isEmpty();
    }
  }

  @Test
  void failedDownloadKeepsAnExistingTargetUntouched() throws Exception {
    Path target = dir.resolve("keep.flac");
    Files.writeString(target, "previous");
    server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(audioBytes(100_000)))
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    catchThrowableOfType(
        () -> client.download("/v1/audio?path=%2Fo%2Fk.flac", target), AceStepException.class);

    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(filesIn(dir)).containsExactly("keep.flac");
  }

  @Test
  void downloadOfAMissingFileIsPermanent404() {
    server.enqueue(json(404, "{\"detail\": \"File not found\"}"));

    AceStepException e =
        catchThrowableOfType(
            () -> client.download("/v1/audio?path=%2Fo%2Fgone.flac", dir.resolve("gone.flac")),
            AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.endpoint()).isEqualTo("/v1/audio");
    assertThat(e.detail()).isEqualTo("File not found");
    assertThat(e.isTransient()).isFalse();
    assertThat(dir.resolve("gone.flac")).doesNotExist();
  }

  @Test
  void probeSendsTheDecodedPathAndAOneByteRange() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(206).setBody("R"));

    boolean exists = client.probe("/srv/out/a b.flac");

    assertThat(exists).isTrue();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().queryParameter("path")).isEqualTo("/srv/out/a b.flac");
    assertThat(request.getHeader("Range")).isEqualTo("bytes=0-0");
  }

  @Test
  void probeAcceptsAFullAnswerFromServersWithoutRanges() {
    server.enqueue(new MockResponse().setBody(new Buffer().write(audioBytes(500_000))));

    assertThat(client.probe("/o/a.flac")).isTrue();
  }

  @Test
  void probeIsFalseForMissingAndForbiddenPaths() {
    server.enqueue(json(404, "{\"detail\": \"File not found\"}"));
    server.enqueue(json(403, "{\"detail\": \"Access denied\"}"));

    assertThat(client.probe("/o/gone.flac")).isFalse();
    assertThat(client.probe("/etc/passwd")).isFalse();
  }

  @Test
  void probeThrowsForOtherErrors() {
    server.enqueue(json(503, "{\"detail\": \"Service unavailable\"}"));

    AceStepException e =
        catchThrowableOfType(() -> client.probe("/o/a.flac"), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void uploadSendsTheFileAndEveryFieldAsMultipart() throws Exception {
    byte[] audio = audioBytes(50_000);
    Path local = dir.resolve("song.wav");
    Files.write(local, audio);
    server.enqueue(
        wrapped("{\"task_id\": \"u-1\", \"status\": \"queued\", \"queue_position\": 1}"));
    TaskRequest request =
        TaskRequest.builder()
            .taskType("cover")
            .prompt("acoustic")
            .seed(9)
            .batchSize(1)
            .audioCoverStrength(0.5)
            .audioFormat("flac")
            .srcAudioPath("/ignored/on/upload.wav")
            .build();

    Submission submission = client.submitWithUpload(request, local);

    assertThat(submission.taskId()).isEqualTo("u-1");
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeader("Content-Type")).startsWith("multipart/form-data");
    String body = recorded.getBody().readString(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(body)
        .contains("name=\"src_audio\"; filename=\"song.wav\"")
        .contains("Content-Type: audio/wav")
        .contains("name=\"task_type\"\r\nContent-Length: 5\r\n\r\ncover")
        .contains("name=\"seed\"\r\nContent-Length: 1\r\n\r\n9")
        .contains("name=\"use_random_seed\"\r\nContent-Length: 5\r\n\r\nfalse")
        .contains("name=\"batch_size\"")
        .contains("name=\"audio_format\"")
        .contains("name=\"audio_cover_strength\"")
        .doesNotContain("name=\"src_audio_path\"");
    assertThat(recorded.getBodySize()).isGreaterThan(audio.length);
    assertThat(body).contains(new String(audio, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void uploadRefusedByAnOlderServerIsAPermanentClearError() throws Exception {
    Path local = dir.resolve("song.wav");
    Files.write(local, audioBytes(1000));
    server.enqueue(new MockResponse().setResponseCode(500).setBody("Internal Server Error"));

    AceStepException e =
        catchThrowableOfType(
            () -> client.submitWithUpload(TaskRequest.builder().seed(1).build(), local),
            AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.kind()).isEqualTo(AceStepException.Kind.UPLOAD_REFUSED);
    assertThat(e.getMessage())
        .contains("this server does not accept audio uploads (older ACE-Step)")
        .contains("server_path")
        .contains("newer ACE-Step server");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void uploadOfAMissingLocalFileFailsBeforeAnyRequest() {
    Path missing = dir.resolve("nope.wav");

    Throwable t =
        catchThrowableOfType(
            () -> client.submitWithUpload(TaskRequest.builder().seed(1).build(), missing),
            java.io.UncheckedIOException.class);

    assertThat(t).hasMessageContaining("nope.wav");
    assertThat(server.getRequestCount()).isZero();
  }
}
