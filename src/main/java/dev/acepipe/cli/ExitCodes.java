package dev.acepipe.cli;

/**
 * Every exit code the {@code engine} command uses, in one place. Documented in {@code docs/cli.md}.
 */
public final class ExitCodes {
  /** Everything asked for was done. */
  public static final int OK = 0;

  /** A run started but at least one step failed (or {@code --locked} found a change). */
  public static final int RUN_FAILED = 1;

  /** The command line itself was wrong: unknown option, missing argument, unreadable file name. */
  public static final int USAGE = 2;

  /** A pipeline file is invalid; the diagnostics say why. */
  public static final int INVALID = 3;

  /**
   * The ACE-Step server could not be reached, refused our key, or answered garbage; or a remote
   * store that must be used ({@code --remote-required}, {@code engine store push|pull|status})
   * cannot be.
   */
  public static final int SERVER = 4;

  /** Interrupted (Ctrl-C): 128 + SIGINT. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code of a run that ended with {@code outcome}. */
  static int of(dev.acepipe.exec.RunResult.Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> OK;
      case FAILED -> RUN_FAILED;
      case INTERRUPTED -> INTERRUPTED;
      case SERVER_UNAVAILABLE -> SERVER;
    };
  }
}
