package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every new step field reaches {@code /release_task} under the contract's name: a loopback proxy
 * between the engine and the embedded server keeps each body it forwards.
 */
@Timeout(180)
class NewFieldsOnTheWireTest {
  @TempDir Path dir;

  private static final String PIPELINE =
      """
      version: 1
      seed: 7
      defaults:
        model: acestep-v15-base
        audio_format: wav
      steps:
        song:
          type: generate
          prompt: indie rock
          duration: 12
        fix:
          type: repaint
          from: song
          start: 8
          mode: conservative
          strength: 0.3
        loose:
          type: cover
          from: song
          noise_strength: 0.4
          variant: nofsq
          strength: 0.7
        longer:
          type: continue
          from: song
          seconds: 6
          overlap: 2
        intro:
          type: continue
          from: song
          prepend: 4
        vox:
          type: extract
          from: song
          track: vocals
        bass:
          type: lego
          from: song
          track: bass
          prompt: a round bass line
          global_caption: indie rock song
        band:
          type: complete
          from: song
          tracks: [guitar, keyboard]
      """;

  @Test
  void everyNewFieldIsSentUnderTheContractsName() throws Exception {
    Files.writeString(dir.resolve("p.yaml"), PIPELINE);
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    try (EmbeddedServer server =
            EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("server")));
        Recorder proxy = new Recorder(server.baseUrl(), bodies)) {
      EngineRun run =
          EngineRun.of("run", dir.resolve("p.yaml").toString(), "--server", proxy.url());
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    }

    JsonNode fix = byTask(bodies, "repaint", b -> b.path("repainting_start").asDouble() == 8);
    assertThat(fix.path("repaint_mode").asText()).isEqualTo("conservative");
    assertThat(fix.path("repaint_strength").asDouble()).isEqualTo(0.3);
    assertThat(fix.path("repainting_end").asDouble()).isEqualTo(12.0);

    JsonNode loose = byTask(bodies, "cover-nofsq", b -> true);
    assertThat(loose.path("cover_noise_strength").asDouble()).isEqualTo(0.4);
    assertThat(loose.path("audio_cover_strength").asDouble()).isEqualTo(0.7);

    JsonNode longer = byTask(bodies, "repaint", b -> b.path("repainting_start").asDouble() == 10);
    assertThat(longer.path("repainting_end").asDouble()).isEqualTo(18.0);

    JsonNode intro = byTask(bodies, "repaint", b -> b.path("repainting_start").asDouble() == -4);
    assertThat(intro.has("repainting_end")).isTrue();
    assertThat(intro.path("repainting_end").asDouble()).isEqualTo(0.0);

    assertThat(byTask(bodies, "extract", b -> true).path("track_name").asText())
        .isEqualTo("vocals");
    JsonNode bass = byTask(bodies, "lego", b -> true);
    assertThat(bass.path("track_name").asText()).isEqualTo("bass");
    assertThat(bass.path("global_caption").asText()).isEqualTo("indie rock song");
    assertThat(bass.path("prompt").asText()).isEqualTo("a round bass line");
    List<String> classes = new ArrayList<>();
    byTask(bodies, "complete", b -> true)
        .path("track_classes")
        .forEach(t -> classes.add(t.asText()));
    assertThat(classes).containsExactly("guitar", "keyboard");
  }

  private static JsonNode byTask(
      List<JsonNode> bodies, String task, java.util.function.Predicate<JsonNode> which) {
    return bodies.stream()
        .filter(b -> b.path("task_type").asText().equals(task))
        .filter(which)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + task + " job among " + bodies));
  }

  /** Forwards every request to the server and keeps the JSON bodies sent to /release_task. */
  private static final class Recorder implements AutoCloseable {
    private final HttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();

    Recorder(String target, List<JsonNode> bodies) throws IOException {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      String base = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
      http.createContext(
          "/",
          ex -> {
            try (ex) {
              byte[] body = ex.getRequestBody().readAllBytes();
              String path = ex.getRequestURI().getRawPath();
              if (path.equals("/release_task")) {
                bodies.add(new ObjectMapper().readTree(body));
              }
              String query = ex.getRequestURI().getRawQuery();
              HttpRequest.Builder out =
                  HttpRequest.newBuilder(
                          URI.create(base + path + (query == null ? "" : "?" + query)))
                      .method(
                          ex.getRequestMethod(),
                          body.length == 0
                              ? HttpRequest.BodyPublishers.noBody()
                              : HttpRequest.BodyPublishers.ofByteArray(body));
              String type = ex.getRequestHeaders().getFirst("Content-Type");
              if (type != null) {
                out.header("Content-Type", type);
              }
              HttpResponse<byte[]> answer =
                  client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
              answer
                  .headers()
                  .firstValue("Content-Type")
                  .ifPresent(t -> ex.getResponseHeaders().add("Content-Type", t));
              ex.sendResponseHeaders(
                  answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
              if (answer.body().length > 0) {
                ex.getResponseBody().write(answer.body());
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
