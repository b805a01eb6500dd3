package dev.acepipe.validate;

import dev.acepipe.dsl.model.Pipeline;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking one file.
 *
 * @param file the file name as given
 * @param pipeline the decoded pipeline, or null when the file did not decode far enough; see {@link
 *     #valid()}
 * @param lines the source lines, for printing carets
 * @param diagnostics sorted by line and column, without duplicates
 */
public record CheckResult(String file, Pipeline pipeline, List<String> lines, List<Diagnostic> diagnostics) {
  public CheckResult {
    lines = List.copyOf(lines);
    diagnostics = List.copyOf(diagnostics);
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
