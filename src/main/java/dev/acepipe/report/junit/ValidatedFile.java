package dev.acepipe.report.junit;

import dev.acepipe.diagnostic.Diagnostic;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One pipeline file checked by {@code engine validate}.
 *
 * @param file the file as the user named it
 * @param diagnostics everything found, errors and warnings, in report order
 * @param time how long checking it took
 */
public record ValidatedFile(String file, List<Diagnostic> diagnostics, Duration time) {
  public ValidatedFile {
    Objects.requireNonNull(file, "file");
    diagnostics = List.copyOf(diagnostics);
    time = time == null ? Duration.ZERO : time;
    if (time.isNegative()) {
      throw new IllegalArgumentException("validation time is negative: " + time);
    }
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  public boolean valid() {
    return errors().isEmpty();
  }
}
