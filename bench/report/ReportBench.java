import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.report.html.HtmlReport;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.StepRun;
import dev.acepipe.report.html.TakeRun;
import dev.acepipe.report.html.WaveformPng;
import dev.acepipe.report.junit.JUnitXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark for acepipe's CI reports: waveform rendering per minute of WAV and FLAC audio, the
 * whole HTML report of a run, and JUnit XML / graph layout for very large runs.
 *
 * <p>Usage: ReportBench <dir> <steps> <take-seconds> <rounds>
 */
public final class ReportBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int steps = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int rounds = Integer.parseInt(args[3]);
    Files.createDirectories(dir.resolve("takes"));
    Pcm pcm = tone(seconds);
    Path wav = dir.resolve("takes/t.wav");
    Path flac = dir.resolve("takes/t.flac");
    AudioFiles.write(pcm, AudioFormat.WAV, wav);
    AudioFiles.write(pcm, AudioFormat.FLAC, flac);
    System.out.printf(
        Locale.ROOT,
        "audio: %.0f s 48 kHz stereo; wav %.1f MB, flac %.1f MB%n",
        seconds,
        Files.size(wav) / 1e6,
        Files.size(flac) / 1e6);

    WaveformPng png = new WaveformPng(WaveformPng.WIDTH, WaveformPng.HEIGHT);
    for (Path audio : List.of(wav, flac)) {
      png.render(audio, dir.resolve("warm.png"));
      long best = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        png.render(audio, dir.resolve("w.png"));
        best = Math.min(best, System.nanoTime() - t0);
      }
      System.out.printf(
          Locale.ROOT,
          "waveform %-4s: best %.1f ms per take = %.1f ms per audio minute%n",
          audio.getFileName().toString().substring(2),
          best / 1e6,
          best / 1e6 * 60 / seconds);
    }

    RunReport run = run(steps, seconds, i -> i > 0 ? List.of("s" + (i - 1)) : List.of());
    HtmlReport.write(run, dir);
    long best = Long.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      HtmlReport.write(run, dir);
      best = Math.min(best, System.nanoTime() - t0);
    }
    System.out.printf(
        Locale.ROOT,
        "html report: %d steps x 2 takes (wav+flac): best %.0f ms, report.html %.1f kB%n",
        steps,
        best / 1e6,
        Files.size(dir.resolve("report.html")) / 1e3);

    int big = 10_000;
    RunReport huge = run(big, 0, i -> i > 0 ? List.of("s" + (i - 1) / 2) : List.of());
    long t0 = System.nanoTime();
    String xml = "";
    for (int r = 0; r < rounds; r++) {
      xml = JUnitXml.forRun(huge);
    }
    System.out.printf(
        Locale.ROOT,
        "junit xml: %d steps: %.1f ms per document, %.1f MB%n",
        big,
        (System.nanoTime() - t0) / 1e6 / rounds,
        xml.length() / 1e6);
    Path noAudio = Files.createTempDirectory(dir, "noaudio");
    t0 = System.nanoTime();
    HtmlReport.write(run(big, 0, i -> i > 0 ? List.of("s" + (i - 1) / 2) : List.of()), noAudio);
    System.out.printf(
        Locale.ROOT,
        "html report: %d steps, binary-tree graph, no takes: %.0f ms, %.1f MB%n",
        big,
        (System.nanoTime() - t0) / 1e6,
        Files.size(noAudio.resolve("report.html")) / 1e6);
  }

  private static RunReport run(
      int steps, double seconds, java.util.function.IntFunction<List<String>> deps) {
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    List<StepRun> list = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      List<TakeRun> takes =
          seconds == 0
              ? List.of()
              : List.of(
                  new TakeRun(0, "takes/t.wav", "", seconds, (long) i, (long) i, "m", null),
                  new TakeRun(
                      1, "takes/t.flac", "", seconds, (long) i + 1, (long) i + 1, "m", null));
      list.add(
          new StepRun(
              "s" + i,
              "generate",
              StepRun.State.PASSED,
              "",
              1,
              t,
              t.plusMillis(1234),
              null,
              List.of((long) i),
              List.of("task-" + i),
              deps.apply(i),
              takes,
              java.util.Map.of(),
              List.of()));
    }
    return new RunReport(
        "bench", "bench.yaml", "run", t, t.plusSeconds(60), 0, "", list, "", List.of(), null);
  }

  private static Pcm tone(double seconds) {
    int rate = 48_000;
    int frames = (int) (rate * seconds);
    short[] s = new short[frames * 2];
    java.util.Random noise = new java.util.Random(1);
    for (int i = 0; i < frames; i++) {
      double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * i / (rate * 4.0));
      short v =
          (short)
              (env
                  * (12_000 * Math.sin(2 * Math.PI * 220 * i / rate)
                      + 3_000 * noise.nextGaussian()));
      s[2 * i] = v;
      s[2 * i + 1] = (short) (v / 2);
    }
    return Pcm.adopt(rate, 2, s);
  }
}
