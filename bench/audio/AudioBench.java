import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.exec.AudioFilesProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * What the take checks cost: for each take file, the median time the executor spends downloading it
 * (OkHttp client against a loopback server) and probing it, against the median time of one
 * measuring pass with every extra (true peak, tempo) and with none.
 *
 * <p>Usage: AudioBench <work dir> <rounds> <take file>...
 */
public final class AudioBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(2);
    server.setExecutor(pool);
    server.createContext("/v1/audio", AudioBench::serve);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    ClientConfig config = ClientConfig.custom(base).readTimeout(Duration.ofSeconds(120)).build();
    AudioAnalyzer all = new AudioAnalyzer();
    AudioAnalyzer basic = new AudioAnalyzer(EnumSet.noneOf(AudioAnalyzer.Extra.class), -60);
    try (OkHttpAceStepClient client = new OkHttpAceStepClient(config, line -> {})) {
      for (int i = 2; i < args.length; i++) {
        Path take = Path.of(args[i]);
        String url =
            "/v1/audio?path="
                + java.net.URLEncoder.encode(
                    take.toAbsolutePath().toString(), StandardCharsets.UTF_8);
        List<Double> fetch = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> cheap = new ArrayList<>();
        AudioAnalysis a = null;
        for (int r = 0; r < rounds; r++) {
          Path target = dir.resolve("downloaded-" + take.getFileName());
          long t0 = System.nanoTime();
          client.download(url, target);
          new AudioFilesProbe().probe(target);
          fetch.add((System.nanoTime() - t0) / 1e9);
          t0 = System.nanoTime();
          a = all.analyze(target);
          full.add((System.nanoTime() - t0) / 1e9);
          t0 = System.nanoTime();
          basic.analyze(target);
          cheap.add((System.nanoTime() - t0) / 1e9);
        }
        double f = median(fetch);
        double c = median(full);
        double b = median(cheap);
        System.out.printf(
            Locale.ROOT,
            "%s (%.0f MB, %.0f s): download+probe %.3f s; checks with true peak and tempo"
                + " %.3f s = %.1f %%; loudness/peak/silence/clipping only %.3f s = %.1f %%%n",
            take.getFileName(),
            Files.size(take) / 1048576.0,
            a.durationSeconds(),
            f,
            c,
            100 * c / f,
            b,
            100 * b / f);
        System.out.printf(
            Locale.ROOT,
            "  measured: %.2f LUFS, LRA %.2f LU, true peak %.2f dBTP, tempo %.1f bpm%n",
            a.integratedLufs(),
            a.loudnessRangeLu(),
            a.truePeakDbtp(),
            a.tempoBpm());
      }
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String q = ex.getRequestURI().getRawQuery();
      Path file =
          Path.of(
              java.net.URLDecoder.decode(q.substring(q.indexOf('=') + 1), StandardCharsets.UTF_8));
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      ex.sendResponseHeaders(200, Files.size(file));
      try (InputStream in = Files.newInputStream(file);
          OutputStream out = ex.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }
}
