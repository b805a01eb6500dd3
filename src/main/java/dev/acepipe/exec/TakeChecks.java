package dev.acepipe.exec;

import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.dsl.model.Expect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Judges a measured take against a step's {@code expect:}. Pure functions. */
public final class TakeChecks {
  private TakeChecks() {}

  /**
   * The costlier measurements {@code expect} needs: true peak and tempo only when they are checked.
   */
  public static Set<AudioAnalyzer.Extra> extrasFor(Expect expect) {
    Set<AudioAnalyzer.Extra> extras = EnumSet.noneOf(AudioAnalyzer.Extra.class);
    if (expect.truePeak() != null) {
      extras.add(AudioAnalyzer.Extra.TRUE_PEAK);
    }
    if (expect.tempoTolerance() != null) {
      extras.add(AudioAnalyzer.Extra.TEMPO);
    }
    return extras;
  }

  /** The level below which the step counts audio as silence. */
  public static double silenceThreshold(Expect expect) {
    return expect.silenceThresholdDbfs().orElse(AudioAnalyzer.DEFAULT_SILENCE_DBFS);
  }

  /**
   * @param expectedSeconds the length the request implies, or null when the server picks it
   *     (duration is then not checked)
   * @param bpm the bpm the request asked for, or null (tempo is then not checked)
   */
  public static TakeCheck evaluate(
      Expect expect, AudioAnalysis a, Double expectedSeconds, Integer bpm) {
    List<String> failures = new ArrayList<>();
    if (expect.loudnessMin() != null) {
      double l = a.integratedLufs();
      if (!(l >= expect.loudnessMin() && l <= expect.loudnessMax())) {
        failures.add(
            "loudness "
                + AudioAnalysis.format(l)
                + " LUFS"
                + (Double.isInfinite(l) ? " (silent)" : "")
                + " outside ["
                + num(expect.loudnessMin())
                + ", "
                + num(expect.loudnessMax())
                + "]");
      }
    }
    if (expect.truePeak() != null && a.truePeakDbtp() > expect.truePeak()) {
      failures.add(
          "true peak "
              + AudioAnalysis.format(a.truePeakDbtp())
              + " dBTP above "
              + num(expect.truePeak()));
    }
    if (Boolean.FALSE.equals(expect.clipping()) && a.clipped()) {
      failures.add(
          "clipped: "
              + a.clippedRuns()
              + " run(s) of full-scale samples ("
              + a.clippedSamples()
              + " samples)");
    }
    if (expect.maxSilence() != null && a.longestSilenceSeconds() > expect.maxSilence()) {
      failures.add(
          String.format(
              Locale.ROOT,
              "silence %.1f s (below %s dBFS) longer than %s s",
              a.longestSilenceSeconds(),
              num(a.silenceThresholdDbfs()),
              num(expect.maxSilence())));
    }
    if (expect.durationTolerance() != null
        && expectedSeconds != null
        && Math.abs(a.durationSeconds() - expectedSeconds) > expect.durationTolerance()) {
      failures.add(
          String.format(
              Locale.ROOT,
              "duration %.2f s, asked %s ± %s s",
              a.durationSeconds(),
              num(expectedSeconds),
              num(expect.durationTolerance())));
    }
    if (expect.tempoTolerance() != null && bpm != null) {
      if (a.tempo().isEmpty()) {
        failures.add(
            "no steady tempo found, asked " + bpm + " ± " + num(expect.tempoTolerance()) + " bpm");
      } else if (tempoError(a.tempoBpm(), bpm) > expect.tempoTolerance()) {
        failures.add(
            String.format(
                Locale.ROOT,
                "tempo %.1f bpm, asked %d ± %s",
                a.tempoBpm(),
                bpm,
                num(expect.tempoTolerance())));
      }
    }
    return new TakeCheck(a, failures);
  }

  /** Distance from the asked tempo, with half and double time counting as the same tempo. */
  static double tempoError(double estimated, double asked) {
    return Math.min(
        Math.abs(estimated - asked),
        Math.min(Math.abs(estimated * 2 - asked), Math.abs(estimated / 2 - asked)));
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
