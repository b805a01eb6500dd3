import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the embedded server's HTTP path (not the synthesizer's audio quality): request overhead,
 * submission latency, one batched poll over every job, end-to-end job throughput, and download
 * throughput. Run through bench/server-bench.sh, which builds the jar first.
 */
public final class ServerBench {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ID = Pattern.compile("\"task_id\":\"([^\"]+)\"");
  private static final Pattern FILE =
      Pattern.compile("\\\\\"file\\\\\": ?\\\\\"(/v1/audio[^\\\\]+)\\\\\"");

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path out = Files.createTempDirectory("acepipe-server-bench");
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(out).withWorkers(workers).withQueueMax(jobs + 10))) {
      String base = server.baseUrl();
      for (int i = 0; i < 200; i++) {
        get(base + "/health"); // warm-up
      }
      long[] health = new long[2000];
      for (int i = 0; i < health.length; i++) {
        long t = System.nanoTime();
        get(base + "/health");
        health[i] = System.nanoTime() - t;
      }
      report("GET /health (2000 sequential)", health);

      String body =
          "{\"prompt\": \"synthwave, pads, drums\", \"lyrics\": \"[Instrumental]\", \"audio_duration\": "
              + seconds
              + ", \"bpm\": 100, \"batch_size\": 1, \"audio_format\": \"wav\", \"seed\": 1,"
              + " \"use_random_seed\": false}";
      List<String> ids = new ArrayList<>();
      long[] submit = new long[jobs];
      long start = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        long t = System.nanoTime();
        Matcher m = ID.matcher(post(base + "/release_task", body));
        submit[i] = System.nanoTime() - t;
        if (!m.find()) {
          throw new IllegalStateException("no task id");
        }
        ids.add(m.group(1));
      }
      report("POST /release_task (" + jobs + " sequential)", submit);
      String query = "{\"task_id_list\": [\"" + String.join("\", \"", ids) + "\"]}";
      long[] polls = new long[0];
      String last;
      while (true) {
        long t = System.nanoTime();
        last = post(base + "/query_result", query);
        polls = Arrays.copyOf(polls, polls.length + 1);
        polls[polls.length - 1] = System.nanoTime() - t;
        if (!last.contains("\"status\":0")) {
          break;
        }
        Thread.sleep(20);
      }
      double wall = (System.nanoTime() - start) / 1e9;
      report("POST /query_result (" + jobs + " ids per call, " + polls.length + " calls)", polls);
      System.out.printf(
          "end to end: %d jobs x %.0f s audio, %d worker(s): %.2f s wall, %.1f jobs/s, %.0fx real time%n",
          jobs, seconds, workers, wall, jobs / wall, jobs * seconds / wall);

      Matcher files = FILE.matcher(last);
      long bytes = 0;
      int n = 0;
      long t = System.nanoTime();
      while (files.find()) {
        bytes +=
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + files.group(1))).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body()
                .length;
        n++;
      }
      double dl = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          "GET /v1/audio: %d files, %.1f MB in %.2f s = %.0f MB/s%n",
          n, bytes / 1e6, dl, bytes / 1e6 / dl);
    }
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
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

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-55s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what,
        s[s.length / 2] / 1e6,
        s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6,
        s[s.length - 1] / 1e6);
  }
}
