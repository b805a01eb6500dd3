package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine serve --count N} and {@code --take-seconds}, driven over HTTP. */
class ServeCountTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicInteger exit = new AtomicInteger(-1);

  private Thread serve(String... args) {
    Thread t =
        new Thread(
            () ->
                exit.set(
                    new Main(
                            new PrintWriter(out, true),
                            new PrintWriter(err, true),
                            new ByteArrayInputStream(new byte[0]))
                        .run(args)));
    t.start();
    return t;
  }

  /** The stdout lines once {@code marker} appeared. */
  private List<String> awaitLines(String marker) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      String text = out.toString();
      if (text.contains(marker)) {
        return Arrays.asList(text.split("\n"));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve printed no '" + marker + "'; stderr: " + err);
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode stats(String base) throws Exception {
    return JSON.readTree(get(base + "/v1/stats").body()).at("/data");
  }

  /** Submits a one-take 10 s job and waits for it; returns the wall seconds it took. */
  private double renderOne(String base) throws Exception {
    Instant start = Instant.now();
    String taskId =
        JSON.readTree(
                post(
                        base + "/release_task",
                        "{\"prompt\": \"pads\", \"lyrics\": \"[inst]\", \"audio_duration\": 10,"
                            + " \"batch_size\": 1, \"audio_format\": \"wav\"}")
                    .body())
            .at("/data/task_id")
            .asText();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      JsonNode item =
          JSON.readTree(
                  post(base + "/query_result", "{\"task_id_list\": [\"" + taskId + "\"]}").body())
              .at("/data/0");
      if (item.path("status").asInt() == 1) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("job " + taskId + " did not finish");
  }

  @Test
  void startsNServersEachWithItsOwnStateAndPrintsTheirUrls() throws Exception {
    Thread t = serve("serve", "--count", "3", "--output-dir", dir.resolve("out").toString());
    List<String> urls;
    try {
      List<String> lines = awaitLines("Ctrl-C");
      urls = lines.subList(0, 3);

      renderOne(urls.get(0));

      assertThat(urls).allSatisfy(u -> assertThat(u).startsWith("http://127.0.0.1:"));
      assertThat(urls).doesNotHaveDuplicates();
      assertThat(lines.get(3)).isEqualTo("ACESTEP_URL=" + String.join(",", urls));
      assertThat(lines.get(4)).startsWith("3 acepipe embedded servers");
      for (String u : urls) {
        assertThat(get(u + "/health").statusCode()).isEqualTo(200);
      }
      assertThat(stats(urls.get(0)).at("/jobs/total").asInt()).isEqualTo(1);
      assertThat(stats(urls.get(1)).at("/jobs/total").asInt()).isZero();
      assertThat(stats(urls.get(2)).at("/jobs/total").asInt()).isZero();
      assertThat(dir.resolve("out/server-1")).isDirectory();
      try (var files = Files.walk(dir.resolve("out/server-2"))) {
        assertThat(files.filter(Files::isRegularFile)).isEmpty();
      }
    } finally {
      t.interrupt();
      t.join(20_000);
    }

    assertThat(exit.get()).isEqualTo(ExitCodes.INTERRUPTED);
    for (String u : urls) {
      assertThatThrownBy(() -> get(u + "/health")).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void oneServerPrintsNoUrlList() throws Exception {
    Thread t = serve("serve", "--port", "0", "--output-dir", dir.toString());
    try {
      List<String> lines = awaitLines("Ctrl-C");

      assertThat(lines.get(0)).startsWith("http://127.0.0.1:");
      assertThat(lines.get(1)).startsWith("acepipe embedded server (");
      assertThat(out.toString()).doesNotContain("ACESTEP_URL=");
    } finally {
      t.interrupt();
      t.join(20_000);
    }
  }

  @Test
  void takeSecondsFixesTheTimeOfAJob() throws Exception {
    Thread t =
        serve(
            "serve",
            "--port",
            "0",
            "--take-seconds",
            "0.8",
            "--output-dir",
            dir.resolve("o").toString());
    try {
      String base = awaitLines("Ctrl-C").get(0);

      double wall = renderOne(base);

      assertThat(out.toString()).contains("0.8 s per take");
      assertThat(wall).isGreaterThanOrEqualTo(0.8);
      assertThat(stats(base).path("avg_job_seconds").asDouble()).isBetween(0.8, 2.0);
    } finally {
      t.interrupt();
      t.join(20_000);
    }
  }

  @Test
  void badCountsAreUsageErrors() throws Exception {
    Thread zero = serve("serve", "--count", "0", "--output-dir", dir.toString());
    zero.join(10_000);
    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--count must be 1..64, got 0").doesNotContain("\tat ");

    Thread past = serve("serve", "--count", "3", "--port", "65534", "--output-dir", dir.toString());
    past.join(10_000);
    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("runs past port 65535");

    Thread negative = serve("serve", "--take-seconds", "-1", "--output-dir", dir.toString());
    negative.join(10_000);
    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("take seconds must be a finite number >= 0");
  }
}
