package dev.acepipe.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of a LoRA call that succeeded ({@code load}, {@code unload}, {@code toggle}, {@code
 * scale}).
 *
 * @param message the server's message (e.g. "⚠️ No LoRA adapter loaded" for an unload with nothing
 *     loaded)
 * @param adapterName the adapter the call concerned, where the server names it
 * @param loraPath the loaded path, for {@code load}
 */
public record LoraResult(String message, Optional<String> adapterName, Optional<String> loraPath) {
  public LoraResult {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(adapterName, "adapterName");
    Objects.requireNonNull(loraPath, "loraPath");
  }
}
