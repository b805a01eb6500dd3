package dev.acepipe.report;

/**
 * A run manifest that cannot be reported on: a field missing or of the wrong shape, named in the
 * message ({@code steps[2].id is missing}). Bad input from a file, never a bug in acepipe.
 */
public final class ManifestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
