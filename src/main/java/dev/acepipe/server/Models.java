package dev.acepipe.server;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The DiT models a server has and the one loaded in its only slot. Names containing "turbo" are
 * turbo models (text2music, repaint, cover, cover-nofsq), every other one a base model (those plus
 * extract, lego, complete), as upstream derives the lists from a model's {@code is_turbo}.
 * Thread-safe.
 */
final class Models {
  /** Task types per model, as newer servers list them (upstream {@code constants.py}). */
  static final List<String> TURBO_TASKS = List.of("text2music", "repaint", "cover", "cover-nofsq");

  static final List<String> BASE_TASKS =
      List.of("text2music", "repaint", "cover", "cover-nofsq", "extract", "lego", "complete");

  private final List<String> present;
  private final String startup;
  private final AtomicReference<String> loaded;

  Models(List<String> present, String loaded) {
    this.present = List.copyOf(present);
    this.startup = loaded;
    this.loaded = new AtomicReference<>(loaded);
  }

  List<String> present() {
    return present;
  }

  /** The model loaded at start: what {@code is_default} and {@code default_model} report. */
  String startup() {
    return startup;
  }

  String loaded() {
    return loaded.get();
  }

  boolean has(String name) {
    return present.contains(name);
  }

  /** Loads {@code name}; returns the model it replaced. */
  String load(String name) {
    return loaded.getAndSet(name);
  }

  static List<String> tasksOf(String model) {
    return model.contains("turbo") ? TURBO_TASKS : BASE_TASKS;
  }

  /**
   * The model a job runs on. acepipe's own profile runs any model it has; the upstream profiles
   * only the loaded one, since an unloaded or unknown name silently falls back to the primary model
   * there.
   */
  String forJob(String requested, EmbeddedProfile profile) {
    if (requested != null
        && has(requested)
        && (profile == EmbeddedProfile.EMBEDDED || requested.equals(loaded()))) {
      return requested;
    }
    return loaded();
  }
}
