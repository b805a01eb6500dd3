package dev.acepipe.diagnostic;

import dev.acepipe.dsl.model.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a pipeline file.
 *
 * @param code a stable code from {@link Codes} (tests and tools match on it, never on the message)
 * @param message one sentence, no trailing period needed, naming the offending key or value
 * @param hint a suggestion ("did you mean 'draft'?"), or the empty string when there is none
 */
public record Diagnostic(
    Severity severity, String code, SourceLocation location, String message, String hint) {
  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  public static Diagnostic error(String code, SourceLocation location, String message) {
    return new Diagnostic(Severity.ERROR, code, location, message, "");
  }

  public static Diagnostic error(
      String code, SourceLocation location, String message, String hint) {
    return new Diagnostic(Severity.ERROR, code, location, message, hint);
  }

  public Optional<String> hintText() {
    return hint.isEmpty() ? Optional.empty() : Optional.of(hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code FILE:LINE:COL: error[CODE]: message} — the first line of the printed form. */
  @Override
  public String toString() {
    return location + ": " + severity.label() + "[" + code + "]: " + message;
  }
}
