package dev.acepipe.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /v1/lora/status}: the adapters loaded into the server's primary slot. A LoRA is global
 * server state: it applies to every job that starts after it changed.
 *
 * @param loaded whether any adapter is loaded ({@code lora_loaded})
 * @param useLora whether loaded adapters are applied ({@code use_lora})
 * @param scale the active adapter's scale ({@code lora_scale})
 * @param adapterType e.g. {@code peft} or {@code lokr}; empty with none loaded
 * @param scales every adapter's scale by name
 * @param activeAdapter the adapter {@code /v1/lora/scale} changes without a name
 * @param adapters the loaded adapters' names, in load order
 * @param syntheticDefaultMode the server's {@code synthetic_default_mode} flag
 */
public record LoraStatus(
    boolean loaded,
    boolean useLora,
    double scale,
    Optional<String> adapterType,
    Map<String, Double> scales,
    Optional<String> activeAdapter,
    List<String> adapters,
    boolean syntheticDefaultMode) {

  public LoraStatus {
    Objects.requireNonNull(adapterType, "adapterType");
    Objects.requireNonNull(activeAdapter, "activeAdapter");
    scales = Map.copyOf(scales);
    adapters = List.copyOf(adapters);
  }
}
