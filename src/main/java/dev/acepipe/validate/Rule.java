package dev.acepipe.validate;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import java.util.List;
import java.util.Set;

/**
 * One semantic check over a decoded pipeline. Rules only add diagnostics; they never change the
 * pipeline and never throw for bad input.
 */
@FunctionalInterface
public interface Rule {
  /**
   * @param declaredSteps every step id written in the file, including steps that failed to decode
   */
  void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out);
}
