package dev.acepipe.cli;

/**
 * A failure the user should see as one line on stderr and a specific exit code, without a stack
 * trace (unless {@code -x} was given).
 */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
