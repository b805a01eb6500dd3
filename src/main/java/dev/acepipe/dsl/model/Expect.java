package dev.acepipe.dsl.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step's {@code expect:} — what every take must measure to count as good. Each bound is optional
 * (null = not checked). Merged key by key: a step's own keys win over those of {@code defaults:}.
 *
 * @param loudnessMin lowest integrated loudness (LUFS) of {@code loudness: [min, max]}
 * @param loudnessMax highest integrated loudness (LUFS)
 * @param truePeak highest true peak (dBTP, 4× oversampled)
 * @param maxSilence longest stretch (seconds) below {@code silenceThreshold}
 * @param silenceThreshold the level (dBFS) below which audio counts as silence; null = -60
 * @param durationTolerance largest difference (seconds) between a take's length and the length
 *     asked for
 * @param tempoTolerance largest difference (bpm) between the estimated tempo and the step's {@code
 *     bpm}; half and double time count as the same tempo
 * @param clipping false = a take with clipped samples fails; true or null = not checked
 */
public record Expect(
    Double loudnessMin,
    Double loudnessMax,
    Double truePeak,
    Double maxSilence,
    Double silenceThreshold,
    Double durationTolerance,
    Double tempoTolerance,
    Boolean clipping) {
  /** Nothing expected. */
  public static final Expect NONE = new Expect(null, null, null, null, null, null, null, null);

  /** The keys {@code expect:} accepts, in documentation order. */
  public static final List<String> KEYS =
      List.of(
          "loudness",
          "true_peak",
          "max_silence",
          "silence_threshold",
          "duration_tolerance",
          "tempo_tolerance",
          "clipping");

  public Expect {
    if ((loudnessMin == null) != (loudnessMax == null)) {
      throw new IllegalArgumentException("loudness needs both bounds");
    }
    if (loudnessMin != null && loudnessMin > loudnessMax) {
      throw new IllegalArgumentException("loudness range " + loudnessMin + " > " + loudnessMax);
    }
  }

  /** True when nothing is checked. */
  public boolean isEmpty() {
    return equals(NONE)
        || (loudnessMin == null
            && truePeak == null
            && maxSilence == null
            && durationTolerance == null
            && tempoTolerance == null
            && !Boolean.FALSE.equals(clipping));
  }

  /** These expectations with every bound {@code higher} sets replacing ours. */
  public Expect overriddenBy(Expect higher) {
    return new Expect(
        higher.loudnessMin != null ? higher.loudnessMin : loudnessMin,
        higher.loudnessMax != null ? higher.loudnessMax : loudnessMax,
        or(higher.truePeak, truePeak),
        or(higher.maxSilence, maxSilence),
        or(higher.silenceThreshold, silenceThreshold),
        or(higher.durationTolerance, durationTolerance),
        or(higher.tempoTolerance, tempoTolerance),
        higher.clipping != null ? higher.clipping : clipping);
  }

  private static Double or(Double a, Double b) {
    return a != null ? a : b;
  }

  public Optional<Double> silenceThresholdDbfs() {
    return Optional.ofNullable(silenceThreshold);
  }

  /** For messages and the plan: {@code "loudness [-16, -8] LUFS, true peak <= -1 dBTP, ..."}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (loudnessMin != null) {
      parts.add("loudness [" + num(loudnessMin) + ", " + num(loudnessMax) + "] LUFS");
    }
    if (truePeak != null) {
      parts.add("true peak <= " + num(truePeak) + " dBTP");
    }
    if (Boolean.FALSE.equals(clipping)) {
      parts.add("no clipping");
    }
    if (maxSilence != null) {
      parts.add("silence <= " + num(maxSilence) + " s");
    }
    if (durationTolerance != null) {
      parts.add("duration ± " + num(durationTolerance) + " s");
    }
    if (tempoTolerance != null) {
      parts.add("tempo ± " + num(tempoTolerance) + " bpm");
    }
    return String.join(", ", parts);
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** What a step does when none of a job's takes meets its {@code expect:}. */
  public enum OnFail {
    /** The step fails, naming the measured values. */
    FAIL("fail"),
    /**
     * New takes with new seeds are asked for, up to the step's {@code retries}; then the step
     * fails.
     */
    REROLL("reroll");

    private final String yamlName;

    OnFail(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    public static Optional<OnFail> fromYaml(String name) {
      for (OnFail f : values()) {
        if (f.yamlName.equals(name)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Everything a step says about checking: its expectations, what to do when no take meets them,
   * and which lint warnings it silences.
   */
  public record Checks(Expect expect, OnFail onFail, List<String> lintIgnore) {
    public static final Checks NONE = new Checks(Expect.NONE, null, List.of());

    public Checks {
      expect = Objects.requireNonNullElse(expect, Expect.NONE);
      lintIgnore = List.copyOf(lintIgnore);
    }

    /** The on_fail in force: {@link OnFail#FAIL} unless written. */
    public OnFail onFailOrDefault() {
      return onFail == null ? OnFail.FAIL : onFail;
    }

    /**
     * These checks over {@code lower} (the defaults): expectations merged key by key, lint ignores
     * joined.
     */
    public Checks over(Checks lower) {
      List<String> ignore = new ArrayList<>(lower.lintIgnore);
      lintIgnore.stream().filter(c -> !ignore.contains(c)).forEach(ignore::add);
      return new Checks(
          lower.expect.overriddenBy(expect), onFail != null ? onFail : lower.onFail, ignore);
    }
  }
}
