package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Decoder} made of a document.
 *
 * @param pipeline the decoded pipeline, leaving out what could not be decoded; null when the
 *     document is not a pipeline at all (not a map). Only trust it when {@code diagnostics} holds
 *     no error.
 * @param declaredSteps every step id written under {@code steps:}, including steps that failed to
 *     decode (so later rules do not report references to them as unknown)
 */
public record Decoded(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> diagnostics) {
  public Decoded {
    declaredSteps = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(declaredSteps));
    diagnostics = List.copyOf(diagnostics);
  }

  public Optional<Pipeline> decoded() {
    return Optional.ofNullable(pipeline);
  }
}
