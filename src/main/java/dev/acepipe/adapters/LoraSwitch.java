package dev.acepipe.adapters;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.LoraResult;
import dev.acepipe.client.LoraStatus;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HTTP side of an {@link AdapterGate}: the LoRA calls of one switch against one server, their
 * verification against {@code /v1/lora/status}, and how the server's failures read as {@link
 * AdapterException}s. Holds no gate state, so the gate can run it outside its lock; what it learns
 * reaches the gate through {@link Events} and the no-API callback.
 */
final class LoraSwitch {
  /** Receives the gate events of a switch as its calls happen. */
  interface Events {
    void record(GateEvent.Kind kind, String job, Setup setup, String detail);
  }

  private static final double SCALE_TOLERANCE = 1e-6;

  private final AceStepClient client;
  private final String server;
  private final Events events;
  private final Runnable noApiSeen;

  /**
   * @param noApiSeen run when the server turns out to have no LoRA routes
   */
  LoraSwitch(AceStepClient client, Events events, Runnable noApiSeen) {
    this.client = client;
    this.server = client.baseUrl();
    this.events = events;
    this.noApiSeen = noApiSeen;
  }

  /** The calls of one switch; returns the set now verified on the server. */
  AdapterSet apply(SwitchPlan plan) {
    AdapterSet to = plan.to();
    boolean unload = plan.unloadFirst();
    if (plan.from().isEmpty()) {
      // Unknown state: look before touching, so a server without the API still runs plain jobs.
      Optional<LoraStatus> status = status(plan);
      if (status.isEmpty()) {
        noApiSeen.run();
        if (to.isEmpty()) {
          return to;
        }
        throw noApi(to, "GET /v1/lora/status answered 404");
      }
      if (mismatch(status.get(), to).isEmpty()) {
        events.record(GateEvent.Kind.VERIFIED, plan.job(), plan.setup(), "already loaded");
        return to;
      }
      unload = status.get().loaded();
    }
    if (unload) {
      LoraResult r = call(to, client::loraUnload);
      events.record(GateEvent.Kind.UNLOADED, plan.job(), plan.setup(), r.message());
    }
    for (Adapter a : to.adapters()) {
      LoraResult loaded = call(to, () -> client.loraLoad(a.path(), a.name()));
      events.record(GateEvent.Kind.LOADED, plan.job(), plan.setup(), loaded.message());
      LoraResult scaled = call(to, () -> client.loraScale(a.scale(), a.name()));
      events.record(GateEvent.Kind.SCALED, plan.job(), plan.setup(), scaled.message());
    }
    LoraStatus status =
        status(plan).orElseThrow(() -> noApi(to, "GET /v1/lora/status answered 404"));
    if (!to.isEmpty() && !status.useLora()) {
      LoraResult r = call(to, () -> client.loraToggle(true));
      events.record(GateEvent.Kind.ENABLED, plan.job(), plan.setup(), r.message());
      status = status(plan).orElseThrow(() -> noApi(to, "GET /v1/lora/status answered 404"));
    }
    Optional<String> wrong = mismatch(status, to);
    if (wrong.isPresent()) {
      throw new AdapterException(
          server, AdapterException.Reason.NOT_VERIFIED, to, wrong.get(), false, null);
    }
    events.record(GateEvent.Kind.VERIFIED, plan.job(), plan.setup(), "");
    return to;
  }

  /**
   * After a failed switch the server may hold part of the set: try to leave it with none, so the
   * next switch starts from a known state. Returns what the gate then knows.
   */
  Optional<AdapterSet> cleanUpAfter(AdapterException e) {
    if (e.reason() == AdapterException.Reason.NO_LORA_API) {
      noApiSeen.run();
      return Optional.of(AdapterSet.NONE);
    }
    try {
      client.loraUnload();
      return Optional.of(AdapterSet.NONE);
    } catch (AceStepException again) {
      return Optional.empty();
    }
  }

  private Optional<LoraStatus> status(SwitchPlan plan) {
    AdapterSet to = plan.to();
    try {
      LoraStatus s = client.loraStatus();
      events.record(GateEvent.Kind.STATUS, plan.job(), plan.setup(), "adapters " + s.adapters());
      return Optional.of(s);
    } catch (AceStepException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw failure(to, e);
    }
  }

  private <T> T call(AdapterSet to, Supplier<T> call) {
    try {
      return call.get();
    } catch (AceStepException e) {
      throw failure(to, e);
    }
  }

  private AdapterException failure(AdapterSet to, AceStepException e) {
    if (e.httpStatus() == 404 && !e.wrapperError()) {
      return noApi(to, e.getMessage());
    }
    if (e.isTransient()) {
      return new AdapterException(
          server, AdapterException.Reason.SERVER_ERROR, to, e.getMessage(), true, e);
    }
    return new AdapterException(
        server,
        AdapterException.Reason.REFUSED,
        to,
        e.detail().isBlank() ? e.getMessage() : e.detail(),
        false,
        e);
  }

  AdapterException noApi(AdapterSet to, String detail) {
    return new AdapterException(
        server, AdapterException.Reason.NO_LORA_API, to, detail, false, null);
  }

  /** What differs between the server's status and {@code to}, if anything. */
  private static Optional<String> mismatch(LoraStatus status, AdapterSet to) {
    Set<String> names = to.adapters().stream().map(Adapter::name).collect(Collectors.toSet());
    if (to.isEmpty()) {
      return status.loaded() || !status.adapters().isEmpty()
          ? Optional.of("still loaded: " + status.adapters())
          : Optional.empty();
    }
    if (!Set.copyOf(status.adapters()).equals(names)) {
      return Optional.of(
          "loaded " + status.adapters() + ", wanted " + names.stream().sorted().toList());
    }
    if (!status.useLora()) {
      return Optional.of("adapters are loaded but switched off");
    }
    for (Adapter a : to.adapters()) {
      Double scale = status.scales().get(a.name());
      if (scale == null || Math.abs(scale - a.scale()) > SCALE_TOLERANCE) {
        return Optional.of(
            "adapter '" + a.name() + "' has scale " + scale + ", wanted " + a.scale());
      }
    }
    return Optional.empty();
  }
}
