package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.server.synth.SynthRequests;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the analyzer against FFmpeg's EBU R128 filter ({@code ebur128=peak=true}) on music
 * rendered by the synthesizer and driven hot, so that inter-sample peaks matter. Skipped where
 * ffmpeg is not installed ({@code .ci/run} installs Debian's).
 */
class FfmpegCrossCheckTest {
  @TempDir Path dir;

  @Test
  void integratedLoudnessLoudnessRangeAndTruePeakAgreeWithFfmpeg() throws Exception {
    assumeTrue(ffmpegAvailable(), "ffmpeg is not installed");
    Path rendered = dir.resolve("take.wav");
    SynthRequests.of("text2music", "synthwave, analog pads, gated drums")
        .lyrics("[inst]")
        .durationSeconds(40)
        .bpm(118)
        .keyScale("A minor")
        .timeSignature("4")
        .renderTo(rendered, 11);
    Path hot = dir.resolve("hot.flac");
    AudioFiles.write(gained(AudioFiles.read(rendered), 7.5), AudioFormat.FLAC, hot);

    AudioAnalysis ours = new AudioAnalyzer().analyze(hot);
    String summary = ffmpegSummary(hot);

    System.out.printf(
        java.util.Locale.ROOT,
        "acepipe I %.2f LRA %.2f TP %.2f; ffmpeg I %.1f LRA %.1f TP %.1f%n",
        ours.integratedLufs(),
        ours.loudnessRangeLu(),
        ours.truePeakDbtp(),
        value(summary, "I:\\s+(-?[0-9.]+) LUFS"),
        value(summary, "LRA:\\s+(-?[0-9.]+) LU"),
        value(summary, "Peak:\\s+(-?[0-9.]+) dBFS"));
    assertThat(ours.integratedLufs())
        .isCloseTo(value(summary, "I:\\s+(-?[0-9.]+) LUFS"), within(0.1));
    assertThat(ours.loudnessRangeLu())
        .isCloseTo(value(summary, "LRA:\\s+(-?[0-9.]+) LU"), within(0.5));
    assertThat(ours.truePeakDbtp())
        .isCloseTo(value(summary, "Peak:\\s+(-?[0-9.]+) dBFS"), within(0.3));
  }

  private static Pcm gained(Pcm pcm, double db) {
    double f = Math.pow(10, db / 20);
    ShortBuffer in = pcm.samples();
    short[] out = new short[in.remaining()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(in.get(i) * f)));
    }
    return Pcm.adopt(pcm.sampleRate(), pcm.channels(), out);
  }

  private static double value(String summary, String regex) {
    Matcher m = Pattern.compile(regex).matcher(summary.substring(summary.lastIndexOf("Summary:")));
    assertThat(m.find()).as(summary).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static boolean ffmpegAvailable() {
    try {
      Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String ffmpegSummary(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "ffmpeg",
                "-hide_banner",
                "-nostats",
                "-i",
                file.toString(),
                "-af",
                "ebur128=peak=true",
                "-f",
                "null",
                "-")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
