package dev.acepipe.album;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints how fast loudness is measured and how long an album of normalized tracks takes to write.
 * Run through {@code bench/album/run.sh [seconds] [rounds] [tracks]}; not a test.
 */
public final class AlbumBench {
  private AlbumBench() {}

  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 600;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int tracks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Pcm pcm = TestSignals.music(seconds, -6, 42);
    System.out.printf(Locale.ROOT, "audio: %.0f s of 48 kHz stereo music-like signal%n", seconds);

    Loudness.measure(TestSignals.music(5, -6, 1)); // warm up the JIT
    for (int r = 1; r <= rounds; r++) {
      long t0 = System.nanoTime();
      LoudnessMeasurement m = Loudness.measure(pcm);
      long t1 = System.nanoTime();
      Normalization n = Loudness.normalize(pcm, -14);
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "round %d: measure %.0f ms (%.0fx real time, %s); normalize to -14 LUFS %.0f ms (after %.2f LUFS)%n",
          r,
          ms(t1 - t0),
          seconds * 1000 / ms(t1 - t0),
          m.describe(),
          ms(t2 - t1),
          n.after().integratedLufs());
    }

    Path dir = Files.createTempDirectory("album-bench");
    List<AlbumTrack> album = new ArrayList<>();
    double trackSeconds = Math.min(seconds, 180);
    for (int i = 0; i < tracks; i++) {
      Path src = dir.resolve("take" + i + ".flac");
      Pcm take = TestSignals.music(trackSeconds, -3 - 4 * i, i);
      AudioFiles.write(take, AudioFormat.FLAC, src);
      album.add(
          new AlbumTrack(
              "Track " + (i + 1), src, "s" + i, i, AudioFiles.sha256(src), trackSeconds));
    }
    AlbumWriter writer = new AlbumWriter();
    long t0 = System.nanoTime();
    writer.write(album, dir.resolve("copy"), AlbumOptions.of(AudioFormat.FLAC));
    long t1 = System.nanoTime();
    writer.write(
        album, dir.resolve("normalized"), AlbumOptions.of(AudioFormat.FLAC).normalizedTo(-14));
    long t2 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "album of %d x %.0f s flac tracks: copy %.0f ms, normalize+re-encode %.0f ms (%.0f ms per track)%n",
        tracks,
        trackSeconds,
        ms(t1 - t0),
        ms(t2 - t1),
        ms(t2 - t1) / tracks);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
