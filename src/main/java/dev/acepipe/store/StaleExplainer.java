package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells in one line why a step instance will (or will not) render, by comparing its previous lock
 * block with its new resolved request and input hashes. Pure: the caller supplies whether the store
 * holds the new fingerprint.
 *
 * <p>Rules, in order: pending inputs (upstream re-renders) cannot be fingerprinted yet, so the step
 * is stale (or new); stored outputs for the new fingerprint make it {@code cached}; no lock block
 * makes it a {@code new step}; an unchanged fingerprint whose outputs left the store will render
 * again; otherwise it is stale and every difference is named: request fields in their DSL spelling
 * (wire names such as {@code audio_duration} are shown as {@code duration}), short values with
 * {@code (old → new)}, then changed input takes. At most three reasons are listed, then "and N
 * more".
 */
public final class StaleExplainer {
  private static final Map<String, String> DSL_NAMES =
      Map.ofEntries(
          Map.entry("audio_duration", "duration"),
          Map.entry("key_scale", "key"),
          Map.entry("keyscale", "key"),
          Map.entry("vocal_language", "language"),
          Map.entry("caption", "prompt"),
          Map.entry("audio_cover_strength", "strength"),
          Map.entry("sample_query", "description"),
          Map.entry("task_type", "type"),
          Map.entry("kind", "type"),
          Map.entry("repainting_start", "start"),
          Map.entry("repainting_end", "end"),
          Map.entry("batch_size", "takes"),
          Map.entry("continue_seconds", "seconds"));

  /** Free-text fields: their values are too long for one line, so only the name is shown. */
  private static final Set<String> TEXT_FIELDS =
      Set.of("prompt", "lyrics", "description", "instruction");

  private static final int MAX_VALUE_CHARS = 24;
  private static final int MAX_REASONS = 3;

  private StaleExplainer() {}

  /**
   * Explains one step instance.
   *
   * @param previous its block in the previous lockfile, or {@code null}
   * @param request the new resolved request (as for {@link Fingerprint#of})
   * @param inputs the new inputs; {@link StepInput#pending} where the upstream take will be
   *     re-rendered
   * @param store the store, asked (cheaply, without hashing) whether the new fingerprint has
   *     outputs
   */
  public static Staleness explain(
      LockEntry previous, ObjectNode request, List<StepInput> inputs, ArtifactStore store) {
    boolean pending = inputs.stream().anyMatch(StepInput::isPending);
    Fingerprint fp = pending ? null : Fingerprint.of(request, inputs);
    return decide(previous, request, inputs, fp, fp != null && store.hasEntry(fp));
  }

  /**
   * As {@link #explain(LockEntry, ObjectNode, List, ArtifactStore)} with the store's answer given
   * directly.
   */
  public static Staleness explain(
      LockEntry previous, ObjectNode request, List<StepInput> inputs, boolean stored) {
    boolean pending = inputs.stream().anyMatch(StepInput::isPending);
    return decide(
        previous, request, inputs, pending ? null : Fingerprint.of(request, inputs), stored);
  }

  /** {@code fp} is null exactly when an input is pending. */
  private static Staleness decide(
      LockEntry previous,
      ObjectNode request,
      List<StepInput> inputs,
      Fingerprint fp,
      boolean stored) {
    if (fp == null) {
      return previous == null
          ? new Staleness(Staleness.Status.WILL_RENDER, "new step", false)
          : new Staleness(
              Staleness.Status.STALE, join(differences(previous, request, inputs)), false);
    }
    boolean matches = previous != null && previous.fingerprint().equals(fp);
    if (stored) {
      String reason =
          previous == null || matches
              ? "cached"
              : "cached (lockfile differs: " + join(differences(previous, request, inputs)) + ")";
      return new Staleness(Staleness.Status.CACHED, reason, matches);
    }
    if (previous == null) {
      return new Staleness(Staleness.Status.WILL_RENDER, "new step", false);
    }
    if (matches) {
      return new Staleness(Staleness.Status.WILL_RENDER, "outputs missing from the store", true);
    }
    List<String> reasons = differences(previous, request, inputs);
    if (reasons.isEmpty()) {
      reasons.add(
          previous.fingerprint().scheme().equals(fp.scheme())
              ? "fingerprint changed"
              : "fingerprint scheme changed ("
                  + previous.fingerprint().scheme()
                  + " → "
                  + fp.scheme()
                  + ")");
    }
    return new Staleness(Staleness.Status.STALE, join(reasons), false);
  }

  private static List<String> differences(
      LockEntry previous, ObjectNode request, List<StepInput> inputs) {
    List<String> reasons = new ArrayList<>();
    ObjectNode before = previous.request();
    for (String path : CanonicalJson.differingPaths(before, request)) {
      String reason = describe(path, at(before, path), at(request, path));
      if (!reasons.contains(reason)) {
        reasons.add(reason);
      }
    }
    List<StepInput> old = previous.inputs();
    if (old.size() != inputs.size()) {
      reasons.add("inputs changed (" + old.size() + " → " + inputs.size() + " takes)");
    } else {
      for (int i = 0; i < inputs.size(); i++) {
        StepInput now = inputs.get(i);
        if (now.isPending()) {
          reasons.add("input take " + now.ref() + " will re-render");
        } else if (!now.sha256().equals(old.get(i).sha256())) {
          reasons.add("input take " + now.ref() + " changed");
        }
      }
    }
    return reasons;
  }

  private static JsonNode at(JsonNode root, String dottedPath) {
    JsonNode n = root;
    for (String part : dottedPath.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    return n;
  }

  private static String describe(String path, JsonNode before, JsonNode after) {
    int dot = path.indexOf('.');
    String head = dot < 0 ? path : path.substring(0, dot);
    String label = DSL_NAMES.getOrDefault(head, head) + (dot < 0 ? "" : path.substring(dot));
    if (before == null || before.isNull()) {
      return label + " added";
    }
    if (after == null || after.isNull()) {
      return label + " removed";
    }
    if (TEXT_FIELDS.contains(label)) {
      return label + " changed";
    }
    String a = shortValue(before);
    String b = shortValue(after);
    return a == null || b == null ? label + " changed" : label + " changed (" + a + " → " + b + ")";
  }

  private static String shortValue(JsonNode n) {
    String s;
    if (n.isNumber()) {
      s = CanonicalJson.number(n);
    } else if (n.isTextual()) {
      s = n.textValue();
    } else if (n.isBoolean()) {
      s = String.valueOf(n.booleanValue());
    } else {
      return null;
    }
    return s.length() > MAX_VALUE_CHARS || s.contains("\n") || s.isEmpty() ? null : s;
  }

  private static String join(List<String> reasons) {
    if (reasons.isEmpty()) {
      return "fingerprint changed";
    }
    if (reasons.size() <= MAX_REASONS) {
      return String.join(", ", reasons);
    }
    return String.join(", ", reasons.subList(0, MAX_REASONS))
        + " and "
        + (reasons.size() - MAX_REASONS)
        + " more";
  }
}
