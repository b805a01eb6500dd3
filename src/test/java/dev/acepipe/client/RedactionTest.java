package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest extends MockServerSupport {
  @TempDir Path dir;

  @Test
  void everyRequestToTheServerCarriesTheBearerKey() throws Exception {
    try (OkHttpAceStepClient keyed = newClient(KEY)) {
      server.enqueue(wrapped("{\"status\": \"ok\"}"));
      server.enqueue(wrapped("{\"task_id\": \"t\"}"));

      keyed.health();
      keyed.submit(TaskRequest.builder().seed(1).build());

      assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    }
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() throws Exception {
    server.enqueue(wrapped("{\"status\": \"ok\"}"));

    client.health();

    assertThat(server.takeRequest().getHeader("Authorization")).isNull();
  }

  @Test
  void absoluteFileUrlsOnAnotherHostNeverReceiveTheKey() throws Exception {
    try (okhttp3.mockwebserver.MockWebServer other = new okhttp3.mockwebserver.MockWebServer();
        OkHttpAceStepClient keyed = newClient(KEY)) {
      other.enqueue(new MockResponse().setBody("abc"));
      String foreign =
          other.url("/v1/audio?path=%2Fx.flac").toString().replace("localhost", "127.0.0.1");

      keyed.download(foreign, dir.resolve("x.flac"));

      RecordedRequest request = other.takeRequest();
      assertThat(request.getHeader("Authorization")).isNull();
    }
  }

  @Test
  void theKeyAppearsInNoLogLineMessageOrToString() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> texts = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    // A logger of its own, set to DEBUG before it is created, so slf4j-simple really prints the
    // wire lines.
    String loggerName = "dev.acepipe.client.http.redaction-test";
    System.setProperty("org.slf4j.simpleLogger.log." + loggerName, "debug");
    WireLog both =
        line -> {
          wireLines.add(line);
          WireLog.slf4j(org.slf4j.LoggerFactory.getLogger(loggerName)).log(line);
        };
    ClientConfig config = ClientConfig.custom(server.url("/").toString()).apiKey(KEY).build();
    try (OkHttpAceStepClient keyed = new OkHttpAceStepClient(config, both)) {
      // A server that echoes the key back, an auth failure, garbage, a transport failure and a
      // success.
      server.enqueue(json(401, "{\"detail\": \"Invalid API key: " + KEY + "\"}"));
      server.enqueue(
          new MockResponse().setResponseCode(500).setBody("proxy error for Bearer " + KEY));
      server.enqueue(
          json(200, "{\"data\": null, \"code\": 401, \"error\": \"bad token " + KEY + "\"}"));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
      server.enqueue(new MockResponse().setBody("<html>" + KEY + "</html>"));
      server.enqueue(wrapped("{\"status\": \"ok\"}"));

      texts.add(catchThrowableOfType(keyed::stats, AceStepException.class).getMessage());
      texts.add(catchThrowableOfType(keyed::stats, AceStepException.class).getMessage());
      texts.add(
          catchThrowableOfType(() -> keyed.randomSample("simple_mode"), AceStepException.class)
              .getMessage());
      texts.add(catchThrowableOfType(keyed::stats, AceStepException.class).getMessage());
      texts.add(catchThrowableOfType(keyed::health, AceStepException.class).getMessage());
      keyed.health();
      texts.add(keyed.toString());
      texts.add(ClientConfig.custom("http://h:1").apiKey(KEY).build().toString());
    } finally {
      System.setErr(originalErr);
    }
    texts.addAll(wireLines);
    texts.add(captured.toString(StandardCharsets.UTF_8));

    assertThat(wireLines).hasSize(6);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("GET /v1/stats -> 401");
    assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(KEY));
    assertThat(texts.get(0)).contains("Invalid API key: ***");
  }
}
