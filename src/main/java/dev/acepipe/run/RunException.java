package dev.acepipe.run;

import dev.acepipe.client.AceStepException;

/**
 * Why a run could not start: the caller maps the reason to what it shows (the CLI to an exit code).
 * A run that started never throws this; its end is in the {@link dev.acepipe.exec.RunResult}.
 */
public final class RunException extends Exception {
  /** The closed set of reasons a run is refused before it renders. */
  public enum Reason {
    /** The request itself is wrong: an unknown step name, a malformed server URL. */
    USAGE,
    /** Project state cannot be read: the lockfile is damaged. */
    INVALID,
    /** Another engine holds the pipeline's journal. */
    BUSY,
    /** The server could not be asked (see {@link #server()} and the cause). */
    SERVER,
    /** {@code --locked}: the lockfile does not pin what this run would render. */
    NOT_LOCKED
  }

  private final Reason reason;
  private final String server;

  public RunException(Reason reason, String message) {
    super(message);
    this.reason = reason;
    this.server = null;
  }

  /** The server at {@code baseUrl} failed with {@code cause}; the message says what to do. */
  public RunException(String baseUrl, AceStepException cause) {
    super(describe(baseUrl, cause), cause);
    this.reason = Reason.SERVER;
    this.server = baseUrl;
  }

  public Reason reason() {
    return reason;
  }

  /** The base URL of the server that failed, for {@link Reason#SERVER}; else null. */
  public String server() {
    return server;
  }

  /** The server's error, for {@link Reason#SERVER}; else null. */
  public AceStepException serverError() {
    return getCause() instanceof AceStepException e ? e : null;
  }

  /** One line on why the server at {@code baseUrl} could not be used, with what to try. */
  public static String describe(String baseUrl, AceStepException e) {
    int status = e.httpStatus();
    if (status == AceStepException.NO_RESPONSE) {
      return "cannot reach the ACE-Step server at " + baseUrl + ": " + e.detail();
    }
    if (status == 401 || status == 403) {
      return "the ACE-Step server at "
          + baseUrl
          + " refused the API key (HTTP "
          + status
          + ": "
          + e.detail()
          + "); pass --api-key-file FILE or set ACESTEP_API_KEY";
    }
    if (status == 200 && !e.wrapperError()) {
      return "the server at "
          + baseUrl
          + " did not answer like an ACE-Step server ("
          + e.getMessage()
          + ")";
    }
    return "the ACE-Step server at " + baseUrl + " failed: " + e.getMessage();
  }
}
