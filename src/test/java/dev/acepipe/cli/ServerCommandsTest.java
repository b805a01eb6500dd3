package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {
  private static final String KEY = "sk-cli-31f9a0c2";

  private final MockWebServer server = new MockWebServer();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String url;

  @BeforeEach
  void start() throws IOException {
    server.start();
    url = server.url("/").toString();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  private static MockResponse wrapped(String data) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"data\": "
                + data
                + ", \"code\": 200, \"error\": null, \"timestamp\": 1, \"extra\": null}");
  }

  @Test
  void healthStartsWithOneHumanLineThenTheProfile() {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));

    int code = run("health", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString().lines().findFirst().orElseThrow())
        .endsWith(": ACE-Step API 1.0 is ok");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void withoutAKeyNoAuthorizationIsSent() throws Exception {
    server.enqueue(wrapped("{\"status\": \"ok\"}"));
    server.enqueue(wrapped("{\"status\": \"ok\"}"));

    run("health", "--server", url);

    assertThat(server.takeRequest().getHeader("Authorization")).isNull();
  }

  @Test
  void healthAsJsonIsMachineReadable() throws Exception {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));

    int code = run("health", "--server", url, "--format", "json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("status").asText()).isEqualTo("ok");
    assertThat(json.get("server").asText()).isEqualTo(url.replaceAll("/$", ""));
  }

  @Test
  void modelsMarksTheDefault() {
    server.enqueue(
        wrapped(
            "{\"models\": [{\"name\": \"acestep-v15-turbo\", \"is_default\": true},"
                + " {\"name\": \"acestep-v15-base\", \"is_default\": false}]}"));

    int code = run("models", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("acestep-v15-turbo  (default)")
        .contains("acestep-v15-base\n");
  }

  @Test
  void modelsAsJsonUsesSnakeCase() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"detail\": \"Not Found\"}"));
    server.enqueue(
        new MockResponse()
            .setBody("{\"object\": \"list\", \"data\": [{\"id\": \"acestep/turbo\"}]}"));

    run("models", "--server", url, "--format", "json");

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("models").get(0).get("name").asText()).isEqualTo("turbo");
    assertThat(json.get("models").get(0).get("is_default").asBoolean(true)).isFalse();
  }

  @Test
  void statsSendsTheKeyAndPrintsCounts() throws Exception {
    server.enqueue(
        wrapped(
            "{\"jobs\": {\"total\": 3, \"queued\": 1, \"running\": 1, \"succeeded\": 1,"
                + " \"failed\": 0}, \"queue_size\": 1, \"queue_maxsize\": 200, \"avg_job_seconds\": 41.5}"));

    int code = run("stats", "--server", url, "--api-key", KEY);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(out.toString())
        .contains("3 total: 1 queued, 1 running, 1 succeeded, 0 failed")
        .contains("queue    1 / 200")
        .contains("avg job  41.5 s");
  }

  @Test
  void statsAsJsonNestsJobs() throws Exception {
    server.enqueue(
        wrapped(
            "{\"jobs\": {\"total\": 3}, \"queue_size\": 0, \"queue_maxsize\": 200,"
                + " \"avg_job_seconds\": 0}"));

    run("stats", "--server", url, "--format", "json");

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("jobs").get("total").asLong()).isEqualTo(3);
    assertThat(json.get("queue_maxsize").asLong()).isEqualTo(200);
  }

  @Test
  void aRefusedKeyIsOneLineExit4WithoutTheKeyOrAStackTrace() {
    server.enqueue(
        new MockResponse().setResponseCode(401).setBody("{\"detail\": \"Invalid API key\"}"));

    int code = run("stats", "--server", url, "--api-key", KEY);

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("refused the API key (HTTP 401: Invalid API key)")
        .doesNotContain(KEY)
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnreachableServerIsOneLineExit4() throws Exception {
    server.shutdown();

    int code = run("health", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("cannot reach the ACE-Step server at " + url.replaceAll("/$", ""));
  }

  @Test
  void garbageIsOneLineExit4() {
    server.enqueue(new MockResponse().setBody("<html>It works!</html>"));

    int code = run("health", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("did not answer like an ACE-Step server");
  }

  @Test
  void stacktraceFlagShowsTheCause() {
    server.enqueue(new MockResponse().setBody("not json"));

    int code = run("-x", "health", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(err.toString()).contains("\tat ").contains("AceStepException");
  }

  @Test
  void aMalformedServerUrlIsAUsageError() {
    int code = run("health", "--server", "localhost:8001");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--server: server URL must start with http:// or https://");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    int code = run("health", "--server", url, "--format", "yaml");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpNeverShowsTheKey() {
    int code = run("stats", "--api-key", KEY, "--help");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("--api-key").doesNotContain(KEY);
  }
}
