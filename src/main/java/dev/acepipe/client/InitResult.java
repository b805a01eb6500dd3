package dev.acepipe.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code POST /v1/init}: the model now loaded into {@code slot}. It changes the model
 * of every later job on that slot.
 *
 * @param models the DiT model names the server reports
 * @param loadedLmModel the LM loaded, empty when none
 */
public record InitResult(
    String message,
    int slot,
    String loadedModel,
    Optional<String> loadedLmModel,
    List<String> models,
    boolean llmInitialized) {
  public InitResult {
    models = List.copyOf(models);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(loadedModel, "loadedModel");
    Objects.requireNonNull(loadedLmModel, "loadedLmModel");
  }
}
