package dev.acepipe.adapters;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of a server's setup (model and adapter set), handed to the job that triggers it.
 *
 * @param job the job that will hold the new setup once the switch succeeds
 * @param from the adapter set the gate believes is loaded; empty when it does not know (nothing
 *     checked yet, an earlier switch failed half-way, or the model changed since)
 * @param fromModel the model the gate believes is loaded; empty when it does not know
 * @param setup the setup the switch ends in: the adapter set to load, and the model to load (empty
 *     when the job runs on whatever is loaded)
 */
public record SwitchPlan(
    String job, Optional<AdapterSet> from, Optional<String> fromModel, Setup setup) {
  public SwitchPlan {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(fromModel, "fromModel");
    Objects.requireNonNull(setup, "setup");
  }

  /** The adapter set to load. */
  public AdapterSet to() {
    return setup.adapters();
  }

  /** The model to load; empty when the job runs on whatever is loaded. */
  public Optional<String> toModel() {
    return setup.model();
  }

  /**
   * Whether the server's adapters must be removed first: loading adds an adapter and never replaces
   * one, so any change starts from none unless nothing can be loaded.
   */
  public boolean unloadFirst() {
    return from.map(f -> !f.isEmpty()).orElse(true);
  }

  /**
   * Whether a model must be made sure of: one is wanted and the gate does not know it is loaded.
   */
  public boolean changesModel() {
    return toModel().isPresent() && !toModel().equals(fromModel);
  }

  /** Whether the adapters must be touched: the gate does not know they are the wanted ones. */
  public boolean changesAdapters() {
    return from.isEmpty() || !from.get().equals(to());
  }
}
