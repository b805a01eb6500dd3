package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What {@link YamlLoader} made of a file: a document, or the diagnostics that prevented one.
 *
 * @param document null when loading failed; see {@link #loaded()}
 * @param lines the source lines (possibly empty), for printing diagnostics either way
 */
public record LoadResult(Document document, List<String> lines, List<Diagnostic> diagnostics) {
  public LoadResult {
    lines = List.copyOf(lines);
    diagnostics = List.copyOf(diagnostics);
  }

  public Optional<Document> loaded() {
    return Optional.ofNullable(document);
  }
}
