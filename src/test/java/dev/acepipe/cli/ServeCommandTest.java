package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code engine serve} in-process and drives it over HTTP exactly as the seed document does.
 */
class ServeCommandTest {
  /** The {@code /release_task} body of the seed document's quick example, verbatim. */
  private static final String SEED_BODY =
      """
      {
      "prompt": "Symphonic black metal, epic orchestral arrangements, blast beats, tremolo picking, aggressive male vocals, dark atmosphere",
      "lyrics": "[Intro - orchestral]\\n\\n[Verse 1 - aggressive]\\nThrough frozen wastelands we march\\nBeneath the blackened sky\\nThe ancient ones await\\nAs mortals fade and die\\n\\n[Chorus - powerful]\\nWE ARE THE STORM\\nWE ARE THE NIGHT\\nRISING FROM DARKNESS\\nINTO ETERNAL LIGHT\\n\\n[Outro - fade out]",
      "thinking": true,
      "param_obj": {
      "duration": 120,
      "bpm": 160,
      "key_scale": "D Minor",
      "time_signature": "4",
      "language": "en"
      }
      }""";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
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

  private String awaitUrl() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      String text = out.toString();
      if (text.contains("\n")) {
        return text.substring(0, text.indexOf('\n')).strip();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("serve printed no URL; stderr: " + err);
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

  @Test
  void seedDocumentWorkflowSucceedsAndTheFileDecodesToTheRequestedDuration() throws Exception {
    Thread server = serve("serve", "--port", "0", "--output-dir", dir.resolve("out").toString());
    try {
      String base = awaitUrl();

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      String taskId =
          JSON.readTree(post(base + "/release_task", SEED_BODY).body())
              .at("/data/task_id")
              .asText();
      JsonNode item = null;
      Instant deadline = Instant.now().plusSeconds(120);
      while (Instant.now().isBefore(deadline)) {
        item =
            JSON.readTree(
                    post(base + "/query_result", "{\"task_id_list\": [\"" + taskId + "\"]}").body())
                .at("/data/0");
        if (item.get("status").asInt() != 0) {
          break;
        }
        Thread.sleep(200);
      }
      JsonNode takes = JSON.readTree(item.get("result").asText());
      String file = takes.get(0).get("file").asText();
      Path downloaded = dir.resolve("take.mp3");
      HttpResponse<Path> audio =
          http.send(
              HttpRequest.newBuilder(URI.create(base + file)).build(),
              HttpResponse.BodyHandlers.ofFile(downloaded));

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(item.get("status").asInt()).isEqualTo(1);
      assertThat(takes).hasSize(2);
      assertThat(takes.get(0).at("/metas/bpm").asInt()).isEqualTo(160);
      assertThat(audio.statusCode()).isEqualTo(200);
      assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
      String serverPath =
          URLDecoder.decode(file.substring(file.indexOf("path=") + 5), StandardCharsets.UTF_8);
      assertThat(Path.of(serverPath)).startsWith(dir.resolve("out").toRealPath()).exists();
      assertThat(decodedSeconds(downloaded))
          .isCloseTo(120.0, org.assertj.core.data.Offset.offset(0.1));
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(exit.get()).isEqualTo(ExitCodes.INTERRUPTED);
  }

  @Test
  void printsTheUrlAndNeverTheApiKey() throws Exception {
    Thread server =
        serve(
            "serve",
            "--port",
            "0",
            "--api-key",
            "hunter2-secret",
            "--output-dir",
            dir.resolve("o").toString());
    try {
      String base = awaitUrl();

      HttpResponse<String> refused = post(base + "/release_task", "{}");

      assertThat(base).startsWith("http://127.0.0.1:");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(out.toString()).contains("API key required").doesNotContain("hunter2-secret");
    } finally {
      server.interrupt();
      server.join(10_000);
    }
    assertThat(err.toString()).doesNotContain("hunter2-secret");
  }

  @Test
  void badFaultSpecIsAUsageErrorWithoutStackTrace() throws Exception {
    Thread t = serve("serve", "--port", "0", "--faults", "boom=1", "--output-dir", dir.toString());
    t.join(10_000);

    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--faults: unknown fault 'boom'").doesNotContain("\tat ");
  }

  @Test
  void aPortInUseFailsWithOneClearLine() throws Exception {
    try (dev.acepipe.server.EmbeddedServer busy =
        dev.acepipe.server.EmbeddedServer.start(
            dev.acepipe.server.EmbeddedServerConfig.defaults(dir.resolve("busy")))) {
      Thread t =
          serve("serve", "--port", Integer.toString(busy.port()), "--output-dir", dir.toString());
      t.join(20_000);
    }

    assertThat(exit.get()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(err.toString()).contains("cannot listen on 127.0.0.1:").doesNotContain("\tat ");
  }

  @Test
  void invalidWorkerCountIsAUsageError() throws Exception {
    Thread t = serve("serve", "--workers", "0", "--output-dir", dir.toString());
    t.join(10_000);

    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("workers must be >= 1");
  }

  @Test
  void printsTheProfileItServesWithItsSwitches() throws Exception {
    Thread server =
        serve(
            "serve",
            "--port",
            "0",
            "--profile",
            "snapshot",
            "--max-batch",
            "1",
            "--lm",
            "--output-dir",
            dir.resolve("p").toString());
    try {
      String base = awaitUrl();
      Instant deadline = Instant.now().plusSeconds(10);
      while (!out.toString().contains("profile ") && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(out.toString())
          .contains("profile snapshot (like the 2026-02 ACE-Step snapshot")
          .contains("LM on")
          .contains("batch_size cut to 1");
      assertThat(JSON.readTree(health.body()).at("/data/embedded_profile").asText())
          .isEqualTo("snapshot");
    } finally {
      server.interrupt();
      server.join(10_000);
    }
  }

  @Test
  void anUnknownProfileIsAUsageErrorNamingTheKnownOnes() throws Exception {
    Thread t = serve("serve", "--port", "0", "--profile", "legacy", "--output-dir", dir.toString());
    t.join(10_000);

    assertThat(exit.get()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("unknown server profile 'legacy' (known: embedded, snapshot, newer)")
        .doesNotContain("\tat ");
  }

  /**
   * Decodes any format javax.sound can read (mp3 through mp3spi) to PCM and returns its length in
   * seconds.
   */
  static double decodedSeconds(Path file) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
      AudioFormat src = in.getFormat();
      AudioFormat pcm =
          new AudioFormat(
              AudioFormat.Encoding.PCM_SIGNED,
              src.getSampleRate(),
              16,
              src.getChannels(),
              src.getChannels() * 2,
              src.getSampleRate(),
              false);
      try (AudioInputStream decoded =
          AudioFormat.Encoding.PCM_SIGNED.equals(src.getEncoding())
              ? in
              : AudioSystem.getAudioInputStream(pcm, in)) {
        long bytes = count(decoded);
        AudioFormat f = decoded.getFormat();
        assertThat(f.getSampleRate()).isEqualTo(48_000f);
        assertThat(f.getChannels()).isEqualTo(2);
        return bytes / (double) f.getFrameSize() / f.getSampleRate();
      }
    }
  }

  private static long count(InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
    }
    return total;
  }
}
