package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.FieldValue;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.Optional;

/**
 * The check of a field whose template became constant by substitution ({@code ${vars}} when
 * validating, {@code ${params}} and {@code ${env}} when planning): the type and range check the
 * decoder makes on a literal, reported where the template is written, with the text it came from.
 */
public final class SubstitutedValues {
  private SubstitutedValues() {}

  /**
   * The {@code wrong-type} or {@code out-of-range} diagnostic of {@code text}, the value {@code
   * written} resolved to; empty when it is fine. {@code prefix} starts the message.
   */
  public static Optional<Diagnostic> problem(
      StepField field, Template written, String text, String prefix) {
    FieldValue value = field.read(text);
    if (value.isValid()) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.error(
            Codes.of(value.problem()),
            written.location(),
            prefix + value.message(),
            "the value comes from " + written.text().strip()));
  }
}
