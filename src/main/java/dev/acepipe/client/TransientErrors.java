package dev.acepipe.client;

/**
 * The one place that decides which failures are worth retrying. The executor's Retry and
 * CircuitBreaker use it.
 */
public final class TransientErrors {
  private TransientErrors() {}

  /** True when retrying the same call later can succeed. */
  public static boolean isTransient(Throwable t) {
    if (!(t instanceof AceStepException e)) {
      // Anything that is not an answer from the server (I/O inside our own process) is not retried
      // blindly.
      return false;
    }
    if (e.kind() == AceStepException.Kind.UPLOAD_REFUSED) {
      // A 500 on a multipart upload is an older server refusing uploads at all; the same upload
      // fails forever.
      return false;
    }
    if (e.kind() == AceStepException.Kind.LM_UNAVAILABLE
        || e.kind() == AceStepException.Kind.NOT_CONFIGURED) {
      // A server without its LM, or without a configured key, answers the same way until its
      // operator acts.
      return false;
    }
    if (e.wrapperError()) {
      // HTTP 200 with code != 200: the server understood and refused (no LM, bad input); asking
      // again won't help.
      return false;
    }
    return switch (e.httpStatus()) {
      // No response at all: refused connection, reset, timeout — the server may be restarting or
      // overloaded.
      case AceStepException.NO_RESPONSE -> true;
      // Request timeout: the server gave up waiting for us; a fresh attempt can get through.
      case 408 -> true;
      // Queue full: no job was created; back off and resubmit.
      case 429 -> true;
      // Plain-text 500 is what a real server gives for crashes and overload as well as bad bodies;
      // retry a bounded number of times.
      case 500 -> true;
      // Gateway problems in front of the server.
      case 502, 504 -> true;
      // Model or LM not loaded yet / temporarily unavailable.
      case 503 -> true;
      // 400 bad request, 401/403 auth, 404 missing, 415 media type, 422 validation, anything else:
      // permanent.
      default -> false;
    };
  }
}
