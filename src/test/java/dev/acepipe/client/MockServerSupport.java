package dev.acepipe.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer per test and a client pointed at it, logging into {@link #wireLines}. */
abstract class MockServerSupport {
  static final String KEY = "sk-test-5e3c7a1f9b";

  final MockWebServer server = new MockWebServer();
  final List<String> wireLines = new CopyOnWriteArrayList<>();
  OkHttpAceStepClient client;

  @BeforeEach
  void startServer() throws IOException {
    server.start();
    client = newClient(null);
  }

  @AfterEach
  void stopServer() throws IOException {
    client.close();
    server.shutdown();
  }

  OkHttpAceStepClient newClient(String apiKey) {
    ClientConfig config =
        ClientConfig.custom(server.url("/").toString())
            .apiKey(apiKey)
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(10))
            .build();
    return new OkHttpAceStepClient(config, wireLines::add);
  }

  static MockResponse wrapped(String dataJson) {
    return json(
        200,
        "{\"data\": "
            + dataJson
            + ", \"code\": 200, \"error\": null, \"timestamp\": 1732000000000,"
            + " \"extra\": null}");
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** Builds a /query_result item whose result is a JSON string, as the real server sends it. */
  static String item(String taskId, int status, String resultJson) {
    return "{\"task_id\": \""
        + taskId
        + "\", \"status\": "
        + status
        + ", \"result\": "
        + quote(resultJson)
        + ", \"progress_text\": \"\"}";
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
