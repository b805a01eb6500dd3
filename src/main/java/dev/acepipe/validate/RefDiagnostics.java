package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import java.util.List;

/**
 * The errors of a step reference that reaches past its step, worded the same wherever the reference
 * stands (an {@code outputs:} entry, an album track).
 */
final class RefDiagnostics {
  private RefDiagnostics() {}

  /**
   * {@code written} names instance {@code id[...]} of the matrix step {@code base}, which has no
   * such instance ({@code ids} are the ones it has).
   */
  static Diagnostic noInstance(SourceLocation at, String written, String base, List<String> ids) {
    return Diagnostic.error(
        Codes.MATRIX_REF,
        at,
        written + " names no instance of '" + base + "'",
        ids.size() <= 8
            ? "instances are: " + String.join(", ", ids)
            : "write id[key=value,...] with the matrix keys in order");
  }

  /** {@code written} asks for take {@code take} of {@code base}, which makes only {@code takes}. */
  static Diagnostic badTake(SourceLocation at, String written, int take, String base, int takes) {
    return Diagnostic.error(
        Codes.BAD_TAKE,
        at,
        written
            + " asks for take "
            + take
            + ", but '"
            + base
            + "' makes "
            + takes
            + (takes == 1 ? " take" : " takes"));
  }
}
