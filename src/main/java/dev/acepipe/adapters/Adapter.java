package dev.acepipe.adapters;

import java.util.Locale;
import java.util.Objects;

/**
 * One LoRA adapter a step wants: a path <em>on the server</em>, the scale to apply it at, and the
 * name it is loaded under.
 *
 * @param path the server path of a PEFT directory or a LoKr {@code .safetensors} file
 * @param scale 0..1, as {@code /v1/lora/scale} accepts
 * @param name the adapter name; always sent, so that scaling and verifying never depend on how a
 *     server derives a name from the path
 */
public record Adapter(String path, double scale, String name) {
  public Adapter {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    if (path.isBlank()) {
      throw new IllegalArgumentException("LoRA path is blank");
    }
    if (!(scale >= 0 && scale <= 1)) {
      throw new IllegalArgumentException(
          "LoRA scale of '" + path + "' must be between 0 and 1, was " + scale);
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("LoRA name of '" + path + "' is blank");
    }
  }

  /** An adapter under {@code name}, or named as {@link #of(String, double)} names it. */
  public static Adapter of(String path, double scale, java.util.Optional<String> name) {
    return name.map(n -> new Adapter(path, scale, n)).orElseGet(() -> of(path, scale));
  }

  /**
   * An adapter named as upstream names one loaded without a name: the path's last element, without
   * a {@code .safetensors} suffix.
   */
  public static Adapter of(String path, double scale) {
    String p = path.strip().replace('\\', '/');
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    String file = p.substring(p.lastIndexOf('/') + 1);
    int dot = file.toLowerCase(Locale.ROOT).lastIndexOf(".safetensors");
    String name = dot > 0 ? file.substring(0, dot) : file;
    return new Adapter(path, scale, name.isBlank() ? "lora" : name);
  }
}
