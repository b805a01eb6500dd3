package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.ServerFormat;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opus, AAC and 32-bit float WAV takes end to end through the real HTTP client: a local fake of a
 * newer server answers release_task/query_result and serves a real file made by ffmpeg (as {@code
 * audio/mpeg}, as upstream labels them), and the executor probes its duration (Opus/AAC from the
 * container).
 */
@Timeout(60)
class TakeFormatsEndToEndTest {
  @TempDir Path dir;

  private final MockWebServer server = new MockWebServer();
  private final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final ObjectMapper mapper = new ObjectMapper();
  private OkHttpAceStepClient client;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            String path = r.getPath() == null ? "" : r.getPath();
            try {
              if (path.startsWith("/release_task")) {
                submitted.add(mapper.readTree(r.getBody().readUtf8()));
                return wrapped(
                    "{\"task_id\": \"t1\", \"status\": \"queued\", \"queue_position\": 1}");
              }
              if (path.startsWith("/query_result")) {
                // as upstream AudioSaver names its files: wav32 is saved as .wav
                String ext =
                    ServerFormat.require(submitted.get(0).get("audio_format").asText()).extension();
                String take =
                    "[{\"file\": \"/v1/audio?path=%2Fsrv%2Fout%2Ft1-0."
                        + ext
                        + "\", \"status\": 1, \"prompt\": \"synthwave\", \"lyrics\": \"\","
                        + " \"metas\": {}, \"seed_value\": \"7\", \"dit_model\":"
                        + " \"acestep-v15-turbo\", \"generation_info\": \"\", \"progress\": 1.0}]";
                return wrapped(
                    "[{\"task_id\": \"t1\", \"status\": 1, \"result\": "
                        + mapper.writeValueAsString(take)
                        + ", \"progress_text\": \"\"}]");
              }
              if (path.startsWith("/v1/audio")) {
                String ext = path.substring(path.lastIndexOf('.') + 1);
                return new MockResponse()
                    .setHeader("Content-Type", "audio/mpeg")
                    .setBody(new Buffer().write(files.get(ext)));
              }
            } catch (Exception e) {
              return new MockResponse().setResponseCode(500).setBody(e.toString());
            }
            return new MockResponse().setResponseCode(404).setBody("{\"detail\": \"Not Found\"}");
          }
        });
    server.start();
    client =
        new OkHttpAceStepClient(
            ClientConfig.custom(server.url("/").toString())
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(10))
                .build(),
            line -> {});
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.shutdown();
  }

  @ParameterizedTest
  @CsvSource({"opus, libopus, opus", "aac, aac, adts", "wav32, pcm_f32le, wav"})
  void aTakeInANewerServersFormatIsProbedForItsDuration(String format, String codec, String muxer)
      throws Exception {
    Path made = ffmpeg(format, codec, muxer, 3.0);
    files.put(ServerFormat.require(format).extension(), Files.readAllBytes(made));
    FakeClock clock = new FakeClock();
    TaskRequest request =
        TaskRequest.builder()
            .prompt("synthwave")
            .seed(7)
            .batchSize(1)
            .audioDuration(3.0)
            .audioFormat(format)
            .build();

    RunResult result =
        TestExecutors.plain(
                RunServers.one(client), clock, new FakeSleeper(clock), dir.resolve("takes"))
            .run(List.of(TestExecutors.generate("draft", request)));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(submitted).hasSize(1);
    assertThat(submitted.get(0).get("audio_format").asText()).isEqualTo(format);
    TakeResult take = result.step("draft").orElseThrow().takes().get(0);
    assertThat(take.localPath().getFileName().toString())
        .isEqualTo("0." + ServerFormat.require(format).extension());
    // ffmpeg pads AAC by a frame or two; the take checks allow a little more than that
    assertThat(take.audio().durationSeconds())
        .isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
  }

  private Path ffmpeg(String format, String codec, String muxer, double seconds) throws Exception {
    Path out = dir.resolve("made." + format);
    ProcessBuilder pb;
    try {
      pb =
          new ProcessBuilder(
                  "ffmpeg",
                  "-v",
                  "error",
                  "-y",
                  "-f",
                  "lavfi",
                  "-i",
                  "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                  "-ac",
                  "2",
                  "-c:a",
                  codec,
                  "-b:a",
                  "96k",
                  "-f",
                  muxer,
                  out.toString())
              .redirectErrorStream(true);
      Process p = pb.start();
      String log = new String(p.getInputStream().readAllBytes());
      assumeThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assumeThat(p.exitValue()).as("ffmpeg: " + log).isZero();
    } catch (java.io.IOException e) {
      assumeThat(false).as("ffmpeg is not installed").isTrue();
    }
    return out;
  }

  private static MockResponse wrapped(String dataJson) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"data\": "
                + dataJson
                + ", \"code\": 200, \"error\": null, \"timestamp\": 1732000000000, \"extra\": null}");
  }
}
