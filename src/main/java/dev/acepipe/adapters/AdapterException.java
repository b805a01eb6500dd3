package dev.acepipe.adapters;

import java.util.Objects;

/**
 * A job cannot get the adapters it needs on its server. The message names the server, the adapter
 * set and the server's own reason; it is raised before the job is submitted, so no GPU time is
 * spent on a render with the wrong adapters.
 */
public final class AdapterException extends RuntimeException {
  /** Why the adapters could not be put in place. */
  public enum Reason {
    /** The server has no {@code /v1/lora/*} routes (snapshot servers answer 404). */
    NO_LORA_API,
    /**
     * The server refused a load (HTTP 400: missing path, name in use, quantized model) or a
     * scale/toggle (wrapper error).
     */
    REFUSED,
    /** Every call succeeded, yet {@code /v1/lora/status} reports another state than asked for. */
    NOT_VERIFIED,
    /** The server could not be reached or failed otherwise; may be transient. */
    SERVER_ERROR
  }

  private final Reason reason;
  private final AdapterSet wanted;
  private final String serverReason;
  private final boolean isTransient;

  AdapterException(
      String server,
      Reason reason,
      AdapterSet wanted,
      String serverReason,
      boolean isTransient,
      Throwable cause) {
    super(message(server, reason, wanted, serverReason), cause);
    this.reason = Objects.requireNonNull(reason);
    this.wanted = Objects.requireNonNull(wanted);
    this.serverReason = Objects.requireNonNullElse(serverReason, "");
    this.isTransient = isTransient;
  }

  private static String message(
      String server, Reason reason, AdapterSet wanted, String serverReason) {
    String what =
        switch (reason) {
          case NO_LORA_API -> "server " + server + " has no LoRA API, so it cannot load " + wanted;
          case REFUSED -> "server " + server + " refused the LoRA adapters " + wanted;
          case NOT_VERIFIED ->
              "server " + server + " did not end up with the LoRA adapters " + wanted;
          case SERVER_ERROR ->
              "server " + server + " failed while loading the LoRA adapters " + wanted;
        };
    return serverReason == null || serverReason.isBlank() ? what : what + ": " + serverReason;
  }

  public Reason reason() {
    return reason;
  }

  /** The adapter set the job asked for. */
  public AdapterSet wanted() {
    return wanted;
  }

  /** The server's own text (e.g. "❌ LoRA path not found: ..."), or what disagreed; never null. */
  public String serverReason() {
    return serverReason;
  }

  /** Whether asking again later can help (a transport failure, a 5xx). */
  public boolean isTransient() {
    return isTransient;
  }
}
