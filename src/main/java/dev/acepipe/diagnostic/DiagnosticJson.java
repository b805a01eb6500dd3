package dev.acepipe.diagnostic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Diagnostics as JSON-ready maps (for {@code --format json}); field names are stable. */
public final class DiagnosticJson {
  private DiagnosticJson() {}

  /** {@code {severity, code, file, line, column, message, hint}}; hint is omitted when empty. */
  public static Map<String, Object> of(Diagnostic d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", d.severity().label());
    m.put("code", d.code());
    m.put("file", d.location().file());
    m.put("line", d.location().line());
    m.put("column", d.location().column());
    m.put("message", d.message());
    if (!d.hint().isEmpty()) {
      m.put("hint", d.hint());
    }
    return m;
  }

  public static List<Map<String, Object>> of(List<Diagnostic> ds) {
    return ds.stream().map(DiagnosticJson::of).toList();
  }
}
