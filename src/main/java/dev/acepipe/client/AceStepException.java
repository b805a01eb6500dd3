package dev.acepipe.client;

import java.util.Objects;

/**
 * Any failure talking to an ACE-Step server: transport errors and every error shape of the
 * contract.
 *
 * <p>The message names the endpoint, the HTTP status (if any) and the server's own detail text. It
 * never contains an API key.
 */
public final class AceStepException extends RuntimeException {
  /**
   * Sentinel for {@link #httpStatus()} when no HTTP response was received (connection refused,
   * timeout, ...).
   */
  public static final int NO_RESPONSE = 0;

  private final String endpoint;
  private final int httpStatus;
  private final String detail;
  private final boolean wrapperError;
  private final Kind kind;

  /**
   * What kind of failure this is, beyond its HTTP status. Most failures are {@link Kind#GENERAL}; a
   * kind exists where the status alone would mislead {@link TransientErrors}.
   */
  public enum Kind {
    /** Classified by HTTP status and {@link #wrapperError()} alone. */
    GENERAL,
    /**
     * A multipart upload answered with HTTP 500: older servers refuse every non-JSON {@code
     * /release_task} this way, so the 500 is permanent even though a plain 500 is otherwise
     * transient.
     */
    UPLOAD_REFUSED,
    /**
     * HTTP 400 "absolute audio file paths are not allowed": newer servers refuse a {@code
     * src_audio_path} outside their temp dir. Permanent for that path; the audio must be uploaded
     * instead.
     */
    PATH_REFUSED,
    /**
     * The server has no language model ("LLM not initialized", 503 or a wrapper error): permanent
     * for that server, not a sign that it is down. Steps that need the LM ({@code thinking},
     * format, sample) cannot run there.
     */
    LM_UNAVAILABLE,
    /**
     * 503 "API key is not configured": the server refuses everything until its operator sets a key.
     */
    NOT_CONFIGURED
  }

  /** The kind a server's answer implies, from its status and detail text (see {@link Kind}). */
  public static Kind kindOf(int httpStatus, String detail) {
    String d = detail == null ? "" : detail.toLowerCase(java.util.Locale.ROOT);
    if (d.contains("llm not initialized") || d.contains("lm not initialized")) {
      return Kind.LM_UNAVAILABLE;
    }
    if (httpStatus == 503 && d.contains("api key is not configured")) {
      return Kind.NOT_CONFIGURED;
    }
    if (httpStatus == 400 && d.contains("absolute audio file paths are not allowed")) {
      return Kind.PATH_REFUSED;
    }
    return Kind.GENERAL;
  }

  public AceStepException(
      String endpoint, int httpStatus, String detail, boolean wrapperError, Throwable cause) {
    this(endpoint, httpStatus, detail, wrapperError, Kind.GENERAL, cause);
  }

  public AceStepException(
      String endpoint,
      int httpStatus,
      String detail,
      boolean wrapperError,
      Kind kind,
      Throwable cause) {
    super(format(endpoint, httpStatus, detail), cause);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.httpStatus = httpStatus;
    this.detail = Objects.requireNonNullElse(detail, "");
    this.wrapperError = wrapperError;
    this.kind = Objects.requireNonNull(kind);
  }

  private static String format(String endpoint, int status, String detail) {
    String where = status == NO_RESPONSE ? endpoint : endpoint + " answered HTTP " + status;
    return detail == null || detail.isBlank() ? where : where + ": " + detail;
  }

  /** The endpoint path, e.g. {@code /release_task}. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's detail text (or a description of the transport failure); never null. */
  public String detail() {
    return detail;
  }

  /** True for HTTP 200 answers whose wrapper carried {@code code != 200}. */
  public boolean wrapperError() {
    return wrapperError;
  }

  /** The kind of failure; {@link Kind#GENERAL} unless the status alone would be misread. */
  public Kind kind() {
    return kind;
  }

  /** Whether trying again later can help; see {@link TransientErrors}. */
  public boolean isTransient() {
    return TransientErrors.isTransient(this);
  }
}
