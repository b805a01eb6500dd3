import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.FfmpegDecoder;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the take checks cost against downloading and probing the take: the embedded server renders
 * one take per format, then for each round the OkHttp client downloads it over loopback and the
 * executor's probe reads it (what every step does), and separately every check is measured
 * (loudness, loudness range, sample and true peak, clipping, silence, duration, tempo). Prints
 * medians.
 *
 * <p>Usage: ChecksBench [seconds=600] [rounds=5] [formats=mp3,wav,flac]
 */
public final class ChecksBench {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");
  private static final Pattern FILE =
      Pattern.compile("\\\\\"file\\\\\": ?\\\\\"(/v1/audio[^\\\\]+)\\\\\"");

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 600;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String[] formats = (args.length > 2 ? args[2] : "mp3,wav,flac").split(",");
    double mbits = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    Path out = Files.createTempDirectory("acepipe-checks-bench");
    Path dl = Files.createDirectories(out.resolve("downloads"));
    Set<AudioAnalyzer.Extra> every = EnumSet.allOf(AudioAnalyzer.Extra.class);
    // As a run builds it: FFmpeg decodes MP3 takes for the checks when found (ACEPIPE_FFMPEG=off:
    // the Java decoder).
    AudioFilesProbe probe = AudioFilesProbe.forEnvironment(System.getenv());
    System.out.println(
        "MP3 checks decoded by "
            + probe.mp3Decoder().map(FfmpegDecoder::describe).orElse("the Java decoder (JLayer)"));
    // All threads' CPU: decoding runs on a thread of its own. The server is idle while checks run.
    com.sun.management.OperatingSystemMXBean cpu =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    HttpServer paced = null;
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(out.resolve("server")))) {
      String base = server.baseUrl();
      if (mbits > 0) {
        // An emulated link: the embedded server's answers relayed at mbits Mbit/s.
        paced = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        paced.setExecutor(Executors.newFixedThreadPool(2));
        long bytesPerSecond = (long) (mbits * 1e6 / 8);
        String origin = base;
        paced.createContext("/v1/audio", ex -> relayPaced(ex, origin, bytesPerSecond));
        paced.start();
        base = "http://127.0.0.1:" + paced.getAddress().getPort();
        System.out.printf(Locale.ROOT, "emulated link: %.0f Mbit/s%n", mbits);
      } else {
        System.out.println("loopback: the embedded server over 127.0.0.1");
      }
      try (OkHttpAceStepClient client =
          new OkHttpAceStepClient(
              ClientConfig.custom(base).readTimeout(Duration.ofSeconds(300)).build(), line -> {})) {
        for (String format : formats) {
          String url = render(server.baseUrl(), format, seconds);
          Path target = dl.resolve("take." + format);
          long[] fetch = new long[rounds];
          long[] after = new long[rounds];
          long[] afterCpu = new long[rounds];
          long[] streamed = new long[rounds];
          AudioAnalysis a = null;
          boolean same = true;
          for (int r = -1; r < rounds; r++) { // round -1 warms the JIT up
            // 1. what every step does: download, probe
            long t0 = System.nanoTime();
            client.download(url, target);
            probe.probe(target);
            long t1 = System.nanoTime();
            // 2. today's checks: one pass over the finished file
            long c0 = cpu.getProcessCpuTime();
            a = probe.analyze(target, every, AudioAnalyzer.DEFAULT_SILENCE_DBFS);
            long c1 = cpu.getProcessCpuTime();
            long t2 = System.nanoTime();
            // 3. the checks measured while the take downloads
            AudioAnalysis s;
            try (StreamingAnalysis live =
                probe.analyzeWhileDownloading(every, AudioAnalyzer.DEFAULT_SILENCE_DBFS)) {
              client.download(url, target, live);
              probe.probe(target);
              s = live.finish();
            }
            long t3 = System.nanoTime();
            same &= s.equals(a);
            if (r >= 0) {
              fetch[r] = t1 - t0;
              after[r] = t2 - t1;
              afterCpu[r] = c1 - c0;
              streamed[r] = t3 - t2;
            }
          }
          double f = median(fetch);
          double c = median(after);
          double cc = median(afterCpu);
          double added = median(streamed) - f;
          System.out.printf(
              Locale.ROOT,
              "%s (%.1f MB, %.0f s): download+probe %,.0f ms; checks after download %,.0f ms ="
                  + " %.1f %% (CPU %,.0f ms); checks while downloading add %,.0f ms = %.1f %%%n",
              format,
              Files.size(target) / 1e6,
              a.durationSeconds(),
              f,
              c,
              100 * c / f,
              cc,
              added,
              100 * added / f);
          System.out.printf(
              Locale.ROOT,
              "  measured: %.2f LUFS, LRA %.2f LU, true peak %.2f dBTP, tempo %.1f bpm;"
                  + " streamed result identical: %s%n",
              a.integratedLufs(),
              a.loudnessRangeLu(),
              a.truePeakDbtp(),
              a.tempoBpm(),
              same);
        }
      }
    } finally {
      if (paced != null) {
        paced.stop(0);
        ((java.util.concurrent.ExecutorService) paced.getExecutor()).shutdownNow();
      }
    }
  }

  /**
   * Relays {@code origin}'s answer to the same request at {@code bytesPerSecond}, paced per 64 KiB.
   */
  private static void relayPaced(HttpExchange ex, String origin, long bytesPerSecond)
      throws IOException {
    try (ex) {
      HttpResponse<InputStream> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(origin + ex.getRequestURI())).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      long length = answer.headers().firstValueAsLong("Content-Length").orElse(0);
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(answer.statusCode(), length);
      byte[] buf = new byte[1 << 16];
      long start = System.nanoTime();
      long sent = 0;
      try (InputStream in = answer.body();
          OutputStream os = ex.getResponseBody()) {
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
          os.write(buf, 0, n);
          sent += n;
          long wait = start + (long) (sent * 1e9 / bytesPerSecond) - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Submits one take of {@code format} and waits for its file URL. */
  private static String render(String base, String format, double seconds) throws Exception {
    String body =
        "{\"prompt\": \"synthwave, analog pads, gated drums\", \"lyrics\": \"[Instrumental]\","
            + " \"audio_duration\": "
            + seconds
            + ", \"bpm\": 120, \"batch_size\": 1, \"audio_format\": \""
            + format
            + "\", \"seed\": 3, \"use_random_seed\": false}";
    Matcher id = ID.matcher(post(base + "/release_task", body));
    if (!id.find()) {
      throw new IllegalStateException("no task id");
    }
    String query = "{\"task_id_list\": [\"" + id.group(1) + "\"]}";
    while (true) {
      String last = post(base + "/query_result", query);
      Matcher file = FILE.matcher(last);
      if (file.find()) {
        return file.group(1);
      }
      if (!last.contains("\"status\":0")) {
        throw new IllegalStateException("render failed: " + last);
      }
      Thread.sleep(50);
    }
  }

  private static String post(String url, String json) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }
}
