package dev.acepipe.adapters;

import java.util.Objects;
import java.util.Optional;

/**
 * What a job needs its server to have in place while it runs, beyond its request: the DiT model
 * loaded ({@code /v1/init} changes it for every later job) and the LoRA adapter set. Both are
 * global server state, so an {@link AdapterGate} admits jobs by their setup.
 *
 * @param model the model that must be loaded; empty when the job runs on whatever is loaded (a run
 *     that does not switch models)
 * @param adapters the adapters that must be loaded; {@link AdapterSet#NONE} for none
 */
public record Setup(Optional<String> model, AdapterSet adapters) {
  public Setup {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(adapters, "adapters");
    model = model.map(String::strip).filter(m -> !m.isEmpty());
  }

  /** A setup that asks for {@code adapters} on whatever model is loaded. */
  public static Setup of(AdapterSet adapters) {
    return new Setup(Optional.empty(), adapters);
  }

  /** A setup that asks for {@code model} (null or blank: any) with {@code adapters}. */
  public static Setup of(String model, AdapterSet adapters) {
    return new Setup(Optional.ofNullable(model), adapters);
  }

  /**
   * Whether a server with {@code loadedModel} (empty: unknown) and {@code loadedAdapters} loaded
   * runs this setup.
   */
  boolean metBy(Optional<String> loadedModel, AdapterSet loadedAdapters) {
    return adapters.equals(loadedAdapters) && (model.isEmpty() || model.equals(loadedModel));
  }

  /** E.g. {@code "none"}, {@code "model acestep-v15-base, piano@0.8 (/loras/piano)"}. */
  @Override
  public String toString() {
    return model.map(m -> "model " + m + ", adapters " + adapters).orElse(adapters.toString());
  }
}
