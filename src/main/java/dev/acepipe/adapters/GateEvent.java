package dev.acepipe.adapters;

import java.util.Objects;

/**
 * One entry of an {@link AdapterGate}'s log: enough to prove, after a run, that no job held the
 * server while its model or adapters changed.
 *
 * @param seq the entry's position in the log, from 0
 * @param kind what happened
 * @param job the job concerned, or "" for server-side steps
 * @param setup the setup (model and adapter set) concerned
 * @param holders how many jobs held the server's setup right after the event
 * @param detail the server's message or a reason, or ""
 */
public record GateEvent(long seq, Kind kind, String job, Setup setup, int holders, String detail) {

  /** The kinds of entry, in the order a switch produces them. */
  public enum Kind {
    /** A job got the adapters it wanted and may be submitted. */
    ADMITTED,
    /** A job finished with the adapters. */
    RELEASED,
    /** The last job holding the current set released it while another set waited. */
    DRAINED,
    /** A switch began (no job holds the adapters). */
    SWITCH_STARTED,
    /** {@code /v1/model_inventory} was read, before or after loading a model. */
    MODELS,
    /** {@code /v1/init} loaded a model. */
    MODEL_LOADED,
    /** {@code /v1/lora/status} was read, before or after changing anything. */
    STATUS,
    /** Every adapter was removed. */
    UNLOADED,
    /** One adapter was loaded. */
    LOADED,
    /** One adapter's scale was set. */
    SCALED,
    /** Loaded adapters were switched on. */
    ENABLED,
    /**
     * The server reported the wanted model or adapter set; after the adapters' (or the model's,
     * when only it changed) the switch is over.
     */
    VERIFIED,
    /** The switch failed; the jobs wanting its set fail too. */
    FAILED
  }

  public GateEvent {
    if (seq < 0 || holders < 0) {
      throw new IllegalArgumentException(
          "a gate event's seq and holders are counts, was " + seq + " and " + holders);
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether this event changed what the server renders with (a load, unload, scale, model). */
  public boolean changesServer() {
    return switch (kind) {
      case MODEL_LOADED, UNLOADED, LOADED, SCALED, ENABLED -> true;
      case ADMITTED, RELEASED, DRAINED, SWITCH_STARTED, MODELS, STATUS, VERIFIED, FAILED -> false;
    };
  }
}
