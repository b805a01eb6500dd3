import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.Download;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark for the acepipe client's streaming transfers: downloads then uploads a large WAV
 * through OkHttpAceStepClient against a loopback server (JDK HttpServer: serves the file from disk,
 * drains uploads), and the same transfers with curl. Run it with a small heap (-Xmx64m) to show
 * that the file never sits in memory.
 *
 * <p>Usage: ClientBench <dir> <megabytes> <rounds>
 */
public final class ClientBench {
  private static final int BUF = 64 * 1024;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long megabytes = Long.parseLong(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Files.createDirectories(dir);
    Path wav = dir.resolve("bench.wav");
    long size = megabytes * 1024 * 1024;
    if (!Files.exists(wav) || Files.size(wav) != size) {
      writeWav(wav, size);
    }
    long h0 = System.nanoTime();
    String sourceSha = sha256(wav);
    double shaMbs = size / 1048576.0 / ((System.nanoTime() - h0) / 1e9);
    AtomicLong drained = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/v1/audio", ex -> serveFile(ex, wav));
    server.createContext("/release_task", ex -> drainUpload(ex, drained));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String fileUrl =
        "/v1/audio?path="
            + java.net.URLEncoder.encode(wav.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    System.out.printf(
        Locale.ROOT,
        "file: %s (%d MB), max heap %d MB, %d round(s)%n",
        wav,
        megabytes,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        rounds);

    ClientConfig config = ClientConfig.custom(base).readTimeout(Duration.ofSeconds(60)).build();
    List<Double> down = new ArrayList<>();
    List<Double> up = new ArrayList<>();
    long peakHeap = 0;
    try (OkHttpAceStepClient client = new OkHttpAceStepClient(config, line -> {})) {
      TaskRequest request = TaskRequest.builder().taskType("cover").prompt("bench").seed(1).build();
      for (int i = 0; i < rounds; i++) {
        Path target = dir.resolve("downloaded.wav");
        resetPeaks();
        long t0 = System.nanoTime();
        Download d = client.download(fileUrl, target);
        double secs = (System.nanoTime() - t0) / 1e9;
        peakHeap = Math.max(peakHeap, peakHeapUsed());
        if (d.bytes() != size || !d.sha256().equals(sourceSha)) {
          throw new IllegalStateException("download mismatch: " + d);
        }
        down.add(size / 1048576.0 / secs);

        drained.set(0);
        resetPeaks();
        t0 = System.nanoTime();
        Submission s = client.submitWithUpload(request, target);
        secs = (System.nanoTime() - t0) / 1e9;
        peakHeap = Math.max(peakHeap, peakHeapUsed());
        if (!s.taskId().equals("bench") || drained.get() < size) {
          throw new IllegalStateException("upload short: " + drained.get() + " of " + size);
        }
        up.add(size / 1048576.0 / secs);
        Files.delete(target);
      }
    }
    List<Double> curlDown = new ArrayList<>();
    List<Double> curlUp = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      // To a file on the same disk, as the client writes; the client also hashes while streaming.
      Path curlTarget = dir.resolve("curl.wav");
      curlDown.add(curl(size, "-o", curlTarget.toString(), "-w", "%{time_total}", base + fileUrl));
      Files.delete(curlTarget);
      curlUp.add(
          curl(
              size,
              "-o",
              "/dev/null",
              "-w",
              "%{time_total}",
              "-F",
              "seed=1",
              "-F",
              "src_audio=@" + wav.toAbsolutePath() + ";type=audio/wav",
              base + "/release_task"));
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();

    System.out.printf(
        Locale.ROOT,
        "acepipe download  median %7.1f MB/s  best %7.1f MB/s  (sha256 verified)%n",
        median(down),
        best(down));
    System.out.printf(
        Locale.ROOT,
        "curl    download  median %7.1f MB/s  best %7.1f MB/s  (to a file, no hash)%n",
        median(curlDown),
        best(curlDown));
    System.out.printf(
        Locale.ROOT,
        "acepipe upload    median %7.1f MB/s  best %7.1f MB/s  (multipart src_audio)%n",
        median(up),
        best(up));
    System.out.printf(
        Locale.ROOT,
        "curl    upload    median %7.1f MB/s  best %7.1f MB/s%n",
        median(curlUp),
        best(curlUp));
    System.out.printf(
        Locale.ROOT,
        "(for scale: SHA-256 of the file from disk alone runs at %.1f MB/s here)%n",
        shaMbs);
    System.out.printf(
        Locale.ROOT,
        "peak heap used during transfers: %d MB (file is %d MB)%n",
        peakHeap / (1024 * 1024),
        megabytes);
  }

  private static void serveFile(HttpExchange ex, Path wav) throws IOException {
    try (ex;
        InputStream in = Files.newInputStream(wav)) {
      ex.getResponseHeaders().set("Content-Type", "audio/wav");
      ex.sendResponseHeaders(200, Files.size(wav));
      try (OutputStream out = ex.getResponseBody()) {
        in.transferTo(out);
      }
    }
  }

  private static void drainUpload(HttpExchange ex, AtomicLong drained) throws IOException {
    try (ex;
        InputStream in = ex.getRequestBody()) {
      byte[] buf = new byte[BUF];
      long total = 0;
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
      }
      drained.set(total);
      byte[] body =
          ("{\"data\": {\"task_id\": \"bench\", \"status\": \"queued\", \"queue_position\": 0},"
                  + " \"code\": 200, \"error\": null}")
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * A 48 kHz stereo 16-bit WAV of exactly {@code size} bytes holding a slow sweep, written in
   * chunks.
   */
  private static void writeWav(Path wav, long size) throws IOException {
    long data = size - 44;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header
        .put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt((int) (size - 8))
        .put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 2)
        .putInt(48000)
        .putInt(48000 * 4)
        .putShort((short) 4)
        .putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII))
        .putInt((int) data);
    try (OutputStream out = Files.newOutputStream(wav)) {
      out.write(header.array());
      ByteBuffer chunk = ByteBuffer.allocate(BUF).order(ByteOrder.LITTLE_ENDIAN);
      long written = 0;
      long frame = 0;
      while (written < data) {
        chunk.clear();
        while (chunk.remaining() >= 4) {
          double t = frame++ / 48000.0;
          short v = (short) (8000 * Math.sin(2 * Math.PI * (220 + 20 * Math.sin(t / 7)) * t));
          chunk.putShort(v).putShort(v);
        }
        int n = (int) Math.min(chunk.position(), data - written);
        out.write(chunk.array(), 0, n);
        written += n;
      }
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[BUF];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static double curl(long size, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("curl failed: " + output);
    }
    return size / 1048576.0 / Double.parseDouble(output);
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks: an upper bound of what the heap held at once. */
  private static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = xs.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double best(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
