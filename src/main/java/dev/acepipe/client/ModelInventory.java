package dev.acepipe.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The models a server offers and what each can do: newer servers' {@code GET /v1/model_inventory},
 * or, where there is none (snapshot servers), what {@code GET /v1/models} says (no loaded flags, no
 * task types, no LM list).
 *
 * @param models the DiT models, default first where the server marks one
 * @param lmModels the language models the server knows; empty when it does not say
 * @param lmLoaded whether an LM is loaded; empty when the server does not say
 * @param fromInventory true when the answer came from {@code /v1/model_inventory}
 */
public record ModelInventory(
    List<Model> models, List<LmModel> lmModels, Optional<Boolean> lmLoaded, boolean fromInventory) {

  /**
   * One DiT model.
   *
   * @param loaded whether it is loaded into a slot; empty when the server does not say
   * @param taskTypes its {@code supported_task_types}; empty when the server does not list them
   */
  public record Model(
      String name, boolean isDefault, Optional<Boolean> loaded, List<String> taskTypes) {
    public Model {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(loaded, "loaded");
      taskTypes = List.copyOf(taskTypes);
    }
  }

  /** One language model and whether it is loaded. */
  public record LmModel(String name, boolean loaded) {
    public LmModel {
      Objects.requireNonNull(name, "name");
    }
  }

  public ModelInventory {
    models = List.copyOf(models);
    lmModels = List.copyOf(lmModels);
    Objects.requireNonNull(lmLoaded, "lmLoaded");
  }

  /** The inventory {@code /v1/models} alone gives: names and the default flag. */
  public static ModelInventory of(List<ModelInfo> models) {
    return new ModelInventory(
        models.stream()
            .map(m -> new Model(m.name(), m.isDefault(), Optional.empty(), List.of()))
            .toList(),
        List.of(),
        Optional.empty(),
        false);
  }
}
