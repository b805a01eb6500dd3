package dev.acepipe.adapters;

import java.util.Objects;

/**
 * A job cannot get the adapters (or the model) it needs on its server. The message names the
 * server, the adapter set or model and the server's own reason; it is raised before the job is
 * submitted, so no GPU time is spent on a render with the wrong adapters or model.
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
    SERVER_ERROR,
    /** {@code POST /v1/init} refused the model (wrapper code 400 or 500, unknown model). */
    MODEL_REFUSED,
    /** {@code /v1/init} answered, yet the server does not report the model loaded. */
    MODEL_NOT_VERIFIED
  }

  private final Reason reason;
  private final AdapterSet wanted;
  private final String serverReason;
  private final boolean isTransient;
  private final String model;

  AdapterException(
      String server,
      Reason reason,
      AdapterSet wanted,
      String serverReason,
      boolean isTransient,
      Throwable cause) {
    this(server, reason, wanted, "", serverReason, isTransient, cause);
  }

  /**
   * @param model the model concerned, or "" when the adapters are
   */
  AdapterException(
      String server,
      Reason reason,
      AdapterSet wanted,
      String model,
      String serverReason,
      boolean isTransient,
      Throwable cause) {
    super(message(server, reason, wanted, model, serverReason), cause);
    this.reason = Objects.requireNonNull(reason);
    this.wanted = Objects.requireNonNull(wanted);
    this.model = Objects.requireNonNull(model);
    this.serverReason = Objects.requireNonNullElse(serverReason, "");
    this.isTransient = isTransient;
  }

  private static String message(
      String server, Reason reason, AdapterSet wanted, String model, String serverReason) {
    String what =
        switch (reason) {
          case NO_LORA_API -> "server " + server + " has no LoRA API, so it cannot load " + wanted;
          case REFUSED -> "server " + server + " refused the LoRA adapters " + wanted;
          case NOT_VERIFIED ->
              "server " + server + " did not end up with the LoRA adapters " + wanted;
          case SERVER_ERROR ->
              model.isEmpty()
                  ? "server " + server + " failed while loading the LoRA adapters " + wanted
                  : "server " + server + " failed while loading model '" + model + "'";
          case MODEL_REFUSED -> "server " + server + " refused to load model '" + model + "'";
          case MODEL_NOT_VERIFIED ->
              "server " + server + " did not end up with model '" + model + "' loaded";
        };
    return serverReason == null || serverReason.isBlank() ? what : what + ": " + serverReason;
  }

  public Reason reason() {
    return reason;
  }

  /** The model the failure concerns; empty when it concerns the adapters. */
  public java.util.Optional<String> model() {
    return model.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(model);
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
