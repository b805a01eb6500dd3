package dev.acepipe.client;

import java.util.Objects;

/**
 * Any failure talking to an ACE-Step server: transport errors and every error shape of the contract.
 *
 * <p>The message names the endpoint, the HTTP status (if any) and the server's own detail text. It never contains
 * an API key.
 */
public final class AceStepException extends RuntimeException {
  /** Sentinel for {@link #httpStatus()} when no HTTP response was received (connection refused, timeout, ...). */
  public static final int NO_RESPONSE = 0;

  private final String endpoint;
  private final int httpStatus;
  private final String detail;
  private final boolean wrapperError;
  private final Kind kind;

  /**
   * What kind of failure this is, beyond its HTTP status. Most failures are {@link Kind#GENERAL}; a kind exists
   * where the status alone would mislead {@link TransientErrors}.
   */
  public enum Kind {
    /** Classified by HTTP status and {@link #wrapperError()} alone. */
    GENERAL,
    /**
     * A multipart upload answered with HTTP 500: older servers refuse every non-JSON {@code /release_task} this
     * way, so the 500 is permanent even though a plain 500 is otherwise transient.
     */
    UPLOAD_REFUSED
  }

  public AceStepException(String endpoint, int httpStatus, String detail, boolean wrapperError, Throwable cause) {
    this(endpoint, httpStatus, detail, wrapperError, Kind.GENERAL, cause);
  }

  public AceStepException(
      String endpoint, int httpStatus, String detail, boolean wrapperError, Kind kind, Throwable cause) {
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
