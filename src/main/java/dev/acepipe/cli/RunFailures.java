package dev.acepipe.cli;

import dev.acepipe.run.RunException;

/** The exit code of each reason a run is refused, in one place next to {@link ExitCodes}. */
final class RunFailures {
  private RunFailures() {}

  static CliException toCli(RunException e) {
    int code =
        switch (e.reason()) {
          case USAGE -> ExitCodes.USAGE;
          case INVALID -> ExitCodes.INVALID;
          case BUSY, NOT_LOCKED -> ExitCodes.RUN_FAILED;
          case SERVER -> ExitCodes.SERVER;
        };
    return new CliException(code, e.getMessage(), e);
  }

  /** The client configuration of {@code target}; a malformed URL is a usage error. */
  static dev.acepipe.client.ClientConfig config(dev.acepipe.run.RunTarget target) {
    try {
      return target.config();
    } catch (RunException e) {
      throw toCli(e);
    }
  }
}
