package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A take's {@code expect:} result as the manifest records it, for the HTML report and JUnit.
 *
 * @param failures one sentence per unmet expectation; empty = passed
 * @param measured measured value by manifest key ({@code integrated_lufs}, ...); null values were
 *     not measured
 */
public record TakeCheckView(boolean passed, List<String> failures, Map<String, Double> measured) {
  /** Report rows: label, manifest key, unit. */
  private static final String[][] ROWS = {
    {"Integrated loudness", "integrated_lufs", "LUFS"},
    {"Loudness range", "loudness_range_lu", "LU"},
    {"True peak", "true_peak_dbtp", "dBTP"},
    {"Sample peak", "sample_peak_dbfs", "dBFS"},
    {"Clipped runs", "clipped_runs", ""},
    {"Longest silence", "longest_silence_seconds", "s"},
    {"Duration", "duration_seconds", "s"},
    {"Tempo", "tempo_bpm", "bpm"},
  };

  public TakeCheckView {
    failures = List.copyOf(failures);
    measured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measured));
  }

  /** Reads a manifest take's {@code checks} object; null when the take was not checked. */
  static TakeCheckView of(JsonNode checks) {
    if (!checks.isObject()) {
      return null;
    }
    List<String> failures = new ArrayList<>();
    checks.path("failures").forEach(f -> failures.add(f.asText()));
    Map<String, Double> measured = new LinkedHashMap<>();
    checks
        .path("measured")
        .fields()
        .forEachRemaining(
            e ->
                measured.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null));
    return new TakeCheckView(
        checks.path("passed").asBoolean(failures.isEmpty()), failures, measured);
  }

  /** The small per-take table of the HTML report. */
  void appendHtml(StringBuilder b) {
    b.append("<table class=\"checks\"><caption>checks: ")
        .append(passed ? "passed" : "failed")
        .append("</caption>\n");
    for (String[] row : ROWS) {
      if (!measured.containsKey(row[1])) {
        continue;
      }
      Double v = measured.get(row[1]);
      String shown =
          v == null
              ? "—"
              : row[2].isEmpty()
                  ? String.format(Locale.ROOT, "%.0f", v)
                  : String.format(Locale.ROOT, "%.1f %s", v, row[2]);
      b.append("<tr><th>")
          .append(Html.esc(row[0]))
          .append("</th><td>")
          .append(Html.esc(shown))
          .append("</td></tr>\n");
    }
    for (String f : failures) {
      b.append("<tr class=\"failed\"><td colspan=\"2\">")
          .append(Html.esc(f))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }
}
