package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.AudioSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Benchmark, not a test: renders a long take in each format and prints wall time and real-time
 * factor, plus the split between composing+mixing and encoding. Run through {@code
 * bench/synth/run.sh}.
 */
public final class SynthBench {
  private SynthBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 600;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> formats =
        args.length > 2 ? List.of(args[2].split(",")) : List.of("wav", "flac", "mp3");
    Path dir = Files.createTempDirectory("synth-bench");
    String lyrics =
        "[Intro]\n\n[Verse]\nline one\nline two\nline three\nline four\n\n[Chorus]\nla la\nla la\n\n"
            + "[Verse]\nline five\nline six\n\n[Bridge]\noh\noh\n\n[Chorus]\nla la\nla la\n\n[Outro]\n";
    ProceduralSynthesizer synth = new ProceduralSynthesizer();
    System.out.printf(
        "load average %.2f on %d cores (other processes share them)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "rendering %.0f s of 48 kHz stereo, best of %d rounds (after one warm-up)%n",
        seconds, rounds);
    for (String format : formats) {
      SynthRequest request =
          new SynthRequest(
              "text2music",
              "pop, drums, bass, piano, pads, strings, guitar, lead",
              lyrics,
              seconds,
              120,
              "A minor",
              "4",
              null,
              null,
              0,
              null,
              1.0,
              format,
              SynthRequest.Edits.NONE);
      Path out = dir.resolve("bench." + format);
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      for (int r = 0; r <= rounds; r++) {
        long t0 = System.nanoTime();
        long c0 = processCpuNanos();
        synth.render(request, 42 + r, out);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - c0) / 1e9;
        if (r > 0) {
          best = Math.min(best, s);
          bestCpu = Math.min(bestCpu, cpu);
        }
      }
      System.out.printf(
          "%-5s %7.3f s wall  %7.1f x real time  %6.3f s CPU over all threads  %6.1f MB%n",
          format, best, seconds / best, bestCpu, Files.size(out) / 1e6);
      Files.delete(out);
    }
    breakdown(seconds, lyrics, dir);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Where the time goes: score building, mixing alone, and each encoder fed pre-rendered blocks.
   */
  private static void breakdown(double seconds, String lyrics, Path dir) throws Exception {
    SynthRequest request =
        new SynthRequest(
            "text2music",
            "pop, drums, bass, piano, pads, strings, guitar, lead",
            lyrics,
            seconds,
            120,
            "A minor",
            "4",
            null,
            null,
            0,
            null,
            1.0,
            "wav",
            SynthRequest.Edits.NONE);
    long frames = Planner.durationFrames(request);
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    MusicPlan plan = Planner.plan(request, 7, frames, 0, 0);
    List<Note> notes = Composer.compose(plan, 7);
    long t1 = System.nanoTime();
    Renderer renderer = new Renderer(notes, frames);
    short[] track = new short[Math.toIntExact(frames * 2)];
    short[] block = new short[Renderer.BLOCK * 2];
    long checksum = 0;
    for (long f = 0; f < frames; f += Renderer.BLOCK) {
      int n = (int) Math.min(Renderer.BLOCK, frames - f);
      renderer.render(f, n, block);
      System.arraycopy(block, 0, track, (int) f * 2, n * 2);
      checksum += block[0];
    }
    long t2 = System.nanoTime();
    long c2 = processCpuNanos();
    double voiceFrames = 0;
    for (Note n : notes) {
      voiceFrames += n.length;
    }
    System.out.printf(
        "compose %.3f s (%d notes, %s, %.1f notes per frame on average), mix %.3f s wall"
            + " (compose+mix %.3f s CPU, checksum %d)%n",
        (t1 - t0) / 1e9,
        notes.size(),
        renderer.cacheStats(),
        voiceFrames / frames,
        (t2 - t1) / 1e9,
        (c2 - c0) / 1e9,
        checksum);
    for (AudioFormat format : AudioFormat.values()) {
      long e0 = System.nanoTime();
      long ce = processCpuNanos();
      Path out = dir.resolve("enc." + format.extension());
      try (AudioSink sink = AudioFiles.openSink(format, out, 48_000, 2)) {
        for (long f = 0; f < frames; f += Renderer.BLOCK) {
          int n = (int) Math.min(Renderer.BLOCK, frames - f);
          sink.write(track, (int) f, n);
        }
        sink.commit();
      }
      System.out.printf(
          "encode-only %-4s %.3f s wall (%.3f s CPU, the mixed track from memory)%n",
          format, (System.nanoTime() - e0) / 1e9, (processCpuNanos() - ce) / 1e9);
      Files.delete(out);
    }
  }
}
