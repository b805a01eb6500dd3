package dev.acepipe.adapters;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.InitResult;
import dev.acepipe.client.ModelInventory;
import java.util.List;

/**
 * The model side of an {@link AdapterGate} switch: makes sure one model is loaded on a server, with
 * {@code POST /v1/init} when it is not, verified against {@code /v1/model_inventory}. Like {@link
 * LoraSwitch} it holds no gate state and runs outside the gate's lock.
 *
 * <p>Upstream's {@code /v1/init} loads into the primary slot (1), which every job that names no
 * loaded model runs on; it answers only when the model is loaded (after a download, if missing).
 */
final class ModelSwitch {
  /** The slot a switch loads into: the primary one, where LoRA adapters live as well. */
  static final int SLOT = 1;

  private final AceStepClient client;
  private final String server;
  private final LoraSwitch.Events events;

  ModelSwitch(AceStepClient client, LoraSwitch.Events events) {
    this.client = client;
    this.server = client.baseUrl();
    this.events = events;
  }

  /**
   * Loads {@code to} unless the server reports it loaded already; returns true when it called
   * {@code /v1/init} (the adapters of the slot are then unknown).
   *
   * @param setup the setup being switched to, for the events and errors
   */
  boolean apply(String job, String to, Setup setup) {
    ModelInventory before = inventory(job, to, setup);
    if (loaded(before).contains(to)) {
      events.record(GateEvent.Kind.VERIFIED, job, setup, "model " + to + " already loaded");
      return false;
    }
    InitResult init;
    try {
      init = client.initModel(to, SLOT);
    } catch (AceStepException e) {
      throw failure(to, setup, e);
    }
    events.record(GateEvent.Kind.MODEL_LOADED, job, setup, init.message());
    ModelInventory after = inventory(job, to, setup);
    if (!init.loadedModel().equals(to) || !loaded(after).contains(to)) {
      throw new AdapterException(
          server,
          AdapterException.Reason.MODEL_NOT_VERIFIED,
          setup.adapters(),
          to,
          "/v1/init reported '"
              + init.loadedModel()
              + "' and the inventory lists "
              + loaded(after)
              + " as loaded",
          false,
          null);
    }
    events.record(GateEvent.Kind.VERIFIED, job, setup, "model " + to + " loaded");
    return true;
  }

  /** The models the server reports loaded (a server that does not say reports none). */
  private static List<String> loaded(ModelInventory inventory) {
    return inventory.models().stream()
        .filter(m -> m.loaded().orElse(false))
        .map(ModelInventory.Model::name)
        .toList();
  }

  private ModelInventory inventory(String job, String to, Setup setup) {
    ModelInventory inv;
    try {
      inv = client.modelInventory();
    } catch (AceStepException e) {
      throw failure(to, setup, e);
    }
    events.record(GateEvent.Kind.MODELS, job, setup, "loaded " + loaded(inv));
    return inv;
  }

  private AdapterException failure(String model, Setup setup, AceStepException e) {
    if (e.isTransient()) {
      return new AdapterException(
          server,
          AdapterException.Reason.SERVER_ERROR,
          setup.adapters(),
          model,
          e.getMessage(),
          true,
          e);
    }
    return new AdapterException(
        server,
        AdapterException.Reason.MODEL_REFUSED,
        setup.adapters(),
        model,
        e.detail().isBlank() ? e.getMessage() : e.detail(),
        false,
        e);
  }
}
