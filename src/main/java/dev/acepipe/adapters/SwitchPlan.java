package dev.acepipe.adapters;

import java.util.Objects;
import java.util.Optional;

/**
 * One change of a server's adapter set, handed to the job that triggers it.
 *
 * @param job the job that will hold the new set once the switch succeeds
 * @param from the set the gate believes is loaded; empty when it does not know (nothing checked
 *     yet, or an earlier switch failed half-way)
 * @param to the set to load
 */
public record SwitchPlan(String job, Optional<AdapterSet> from, AdapterSet to) {
  public SwitchPlan {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Whether the server's adapters must be removed first: loading adds an adapter and never replaces
   * one, so any change starts from none unless nothing can be loaded.
   */
  public boolean unloadFirst() {
    return from.map(f -> !f.isEmpty()).orElse(true);
  }
}
