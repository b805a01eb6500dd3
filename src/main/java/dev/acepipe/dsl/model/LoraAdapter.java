package dev.acepipe.dsl.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One LoRA adapter a step needs loaded on its server ({@code lora:} on the step or in {@code
 * defaults:}). A LoRA is global state on the server, so the adapter set of a step is part of what
 * its takes depend on.
 *
 * @param path the adapter on the server (a PEFT directory or a LoKr safetensors file); sent as
 *     {@code lora_path}
 * @param scale 0–1, sent through {@code /v1/lora/scale}
 * @param name the adapter name ({@code adapter_name}); null lets the server derive one from the
 *     path
 * @param location where the adapter is written
 */
public record LoraAdapter(String path, double scale, String name, SourceLocation location) {
  public static final double DEFAULT_SCALE = 1.0;

  public LoraAdapter {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
    if (!(scale >= 0 && scale <= 1)) {
      throw new IllegalArgumentException("LoRA scale " + scale + " is outside 0–1");
    }
  }

  public Optional<String> adapterName() {
    return Optional.ofNullable(name);
  }

  /**
   * A stable text of an adapter set, for fingerprints and records: {@code path@scale[#name]} per
   * adapter, in declaration order (order matters: the server applies them in load order).
   */
  public static String identity(List<LoraAdapter> adapters) {
    StringBuilder b = new StringBuilder();
    for (LoraAdapter a : adapters) {
      if (b.length() > 0) {
        b.append(';');
      }
      b.append(a.path()).append('@').append(a.scale());
      if (a.name() != null) {
        b.append('#').append(a.name());
      }
    }
    return b.toString();
  }
}
