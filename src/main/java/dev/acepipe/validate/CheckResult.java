package dev.acepipe.validate;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of checking one file.
 *
 * @param file the file name as given
 * @param pipeline the decoded pipeline, or null when the file did not decode far enough; see {@link
 *     #valid()}
 * @param lines the source lines, for printing carets
 * @param diagnostics sorted by file (the pipeline file first), line and column, without duplicates
 * @param sources the lines of every file a diagnostic may point into (the pipeline file and its
 *     includes), by display name
 */
public record CheckResult(
    String file,
    Pipeline pipeline,
    List<String> lines,
    List<Diagnostic> diagnostics,
    Map<String, List<String>> sources) {
  public CheckResult {
    lines = List.copyOf(lines);
    diagnostics = List.copyOf(diagnostics);
    Map<String, List<String>> s = new LinkedHashMap<>();
    s.put(file, lines);
    sources.forEach((k, v) -> s.putIfAbsent(k, List.copyOf(v)));
    sources = java.util.Collections.unmodifiableMap(s);
  }

  /** A result for a file that includes nothing. */
  public CheckResult(
      String file, Pipeline pipeline, List<String> lines, List<Diagnostic> diagnostics) {
    this(file, pipeline, lines, diagnostics, Map.of());
  }

  /** True when there is no error. */
  public boolean isValid() {
    return pipeline != null && diagnostics.stream().noneMatch(Diagnostic::isError);
  }

  /** The pipeline when the file is valid; empty otherwise. */
  public Optional<Pipeline> valid() {
    return isValid() ? Optional.of(pipeline) : Optional.empty();
  }
}
