package dev.acepipe.exec;

import dev.acepipe.audio.analysis.AudioAnalysis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one take measured against its step's {@code expect:}.
 *
 * @param measured what one streaming pass over the downloaded file found
 * @param failures one sentence per unmet expectation, naming the measured value and the bound;
 *     empty = passed
 */
public record TakeCheck(AudioAnalysis measured, List<String> failures) {
  public TakeCheck {
    Objects.requireNonNull(measured, "measured");
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  /**
   * {@code "loudness -inf LUFS outside [-16, -8]; silence 30.0 s longer than 2 s"} or {@code
   * "passed"}.
   */
  public String describe() {
    return passed() ? "passed" : String.join("; ", failures);
  }

  /**
   * The manifest's view: passed, failures and every measured value (JSON has no infinities: null).
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("passed", passed());
    m.put("failures", failures);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("integrated_lufs", level(measured.integratedLufs()));
    v.put("loudness_range_lu", level(measured.loudnessRangeLu()));
    v.put("sample_peak_dbfs", level(measured.samplePeakDbfs()));
    v.put("true_peak_dbtp", level(measured.truePeakDbtp()));
    v.put("clipped_runs", measured.clippedRuns());
    v.put("clipped_samples", measured.clippedSamples());
    v.put("longest_silence_seconds", level(measured.longestSilenceSeconds()));
    v.put("duration_seconds", level(measured.durationSeconds()));
    v.put("tempo_bpm", level(measured.tempoBpm()));
    m.put("measured", v);
    return m;
  }

  private static Double level(double v) {
    return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
  }
}
