package dev.acepipe.adapters;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The adapters a job needs loaded on its server, in a canonical order (by name) so that two steps
 * naming the same adapters in another order want the same set. The empty set means "no adapter": a
 * job without {@code lora:} must not run under someone else's adapters either.
 */
public record AdapterSet(List<Adapter> adapters) {
  public static final AdapterSet NONE = new AdapterSet(List.of());

  public AdapterSet {
    adapters = adapters.stream().sorted(Comparator.comparing(Adapter::name)).toList();
    Set<String> names = new HashSet<>();
    for (Adapter a : adapters) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException(
            "two LoRA adapters are named '" + a.name() + "'; give one a different name");
      }
    }
  }

  public static AdapterSet of(Adapter... adapters) {
    return new AdapterSet(List.of(adapters));
  }

  public boolean isEmpty() {
    return adapters.isEmpty();
  }

  /** E.g. {@code "none"} or {@code "piano@0.8 (/loras/piano), voice@1.0 (/loras/voice)"}. */
  @Override
  public String toString() {
    if (adapters.isEmpty()) {
      return "none";
    }
    return adapters.stream()
        .map(a -> a.name() + "@" + a.scale() + " (" + a.path() + ")")
        .collect(Collectors.joining(", "));
  }
}
