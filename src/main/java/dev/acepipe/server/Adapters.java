package dev.acepipe.server;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's LoRA adapters: global state of its one slot, applied to every job that starts after
 * a change, as upstream applies them to every job routed to its primary handler. The embedded
 * server has no model to adapt, so an active adapter set is a deterministic timbre change ({@link
 * #timbre()}). Thread-safe.
 */
final class Adapters {
  /** One loaded adapter. */
  record Adapter(String name, Path path, String type, double scale) {}

  /** A refused call, with upstream's message. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private final Map<String, Adapter> loaded = new LinkedHashMap<>();
  private boolean useLora = true;
  private String active;

  /** Bumped at every change, so a job can tell whether adapters changed while it ran. */
  private long generation;

  /**
   * Loads another adapter (upstream adds, never replaces); the name defaults to the path's file
   * name.
   */
  synchronized Adapter load(String rawPath, String adapterName) throws Refused {
    Path path;
    try {
      path = Path.of(rawPath.strip()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new Refused("❌ LoRA path not found: " + rawPath);
    }
    String type;
    if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("adapter_config.json"))) {
      type = "peft";
    } else if (Files.isRegularFile(path)
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
      type = "lokr";
    } else if (Files.isDirectory(path)) {
      throw new Refused("❌ Not a LoRA adapter directory (no adapter_config.json): " + path);
    } else {
      throw new Refused("❌ LoRA path not found: " + path);
    }
    String name =
        adapterName == null || adapterName.isBlank() ? derivedName(path) : adapterName.strip();
    if (loaded.containsKey(name)) {
      throw new Refused(
          "❌ Adapter name '" + name + "' is already in use; unload first or choose another name");
    }
    Adapter adapter = new Adapter(name, path, type, 1.0);
    loaded.put(name, adapter);
    active = name;
    generation++;
    return adapter;
  }

  /** Removes every adapter; returns how many there were. */
  synchronized int unloadAll() {
    int n = loaded.size();
    loaded.clear();
    active = null;
    if (n > 0) {
      generation++;
    }
    return n;
  }

  synchronized void toggle(boolean use) throws Refused {
    if (loaded.isEmpty()) {
      throw new Refused("❌ No LoRA adapter loaded");
    }
    if (useLora != use) {
      useLora = use;
      generation++;
    }
  }

  /**
   * Sets the scale of {@code adapterName}, or of the active adapter when null; returns the
   * adapter's name.
   */
  synchronized String scale(double scale, String adapterName) throws Refused {
    if (loaded.isEmpty()) {
      throw new Refused("❌ No LoRA adapter loaded");
    }
    String name = adapterName == null || adapterName.isBlank() ? active : adapterName.strip();
    Adapter a = loaded.get(name);
    if (a == null) {
      throw new Refused(
          "❌ Adapter '"
              + name
              + "' is not loaded (loaded: "
              + String.join(", ", loaded.keySet())
              + ")");
    }
    if (a.scale() != scale) {
      loaded.put(name, new Adapter(name, a.path(), a.type(), scale));
      generation++;
    }
    return name;
  }

  synchronized long generation() {
    return generation;
  }

  synchronized boolean any() {
    return !loaded.isEmpty();
  }

  /**
   * The timbre change jobs get: the sum of the adapters' scales, capped at 1; 0 when none or
   * switched off.
   */
  synchronized double timbre() {
    if (!useLora) {
      return 0;
    }
    return Math.min(1, loaded.values().stream().mapToDouble(Adapter::scale).sum());
  }

  /** What {@code GET /v1/lora/status} reports. */
  synchronized Status status() {
    Map<String, Double> scales = new LinkedHashMap<>();
    loaded.values().forEach(a -> scales.put(a.name(), a.scale()));
    Optional<Adapter> current = Optional.ofNullable(active).map(loaded::get);
    return new Status(
        !loaded.isEmpty(),
        useLora,
        current.map(Adapter::scale).orElse(1.0),
        current.map(Adapter::type).orElse(null),
        scales,
        active,
        new ArrayList<>(loaded.keySet()));
  }

  record Status(
      boolean loaded,
      boolean useLora,
      double scale,
      String adapterType,
      Map<String, Double> scales,
      String activeAdapter,
      List<String> adapters) {}

  private static String derivedName(Path path) {
    String file = path.getFileName() == null ? "lora" : path.getFileName().toString();
    int dot = file.toLowerCase(Locale.ROOT).lastIndexOf(".safetensors");
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
