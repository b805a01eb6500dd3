package dev.acepipe.dsl.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps one step depends on, as written: the one place that knows which fields make an edge.
 * Validation builds the step graph from {@link #all()}; planning binds each {@link #reads() read}
 * to the upstream instance with the same matrix values and waits for every instance of each {@link
 * #needs() need}.
 *
 * @param reads the steps whose output is read through {@code from:}, {@code reference:} or {@code
 *     ${steps.ID...}}, in that order, without duplicates
 * @param needs the steps named in {@code needs:}, waited for but not read, as written
 */
public record StepDependencies(List<String> reads, List<String> needs) {
  public StepDependencies {
    reads = List.copyOf(reads);
    needs = List.copyOf(needs);
  }

  /** What {@code step} depends on. */
  public static StepDependencies of(Step step) {
    Set<String> reads = new LinkedHashSet<>();
    step.fromRef().ifPresent(r -> reads.add(r.step()));
    step.referenceRef().ifPresent(r -> reads.add(r.step()));
    for (Template t : step.fields().values()) {
      for (Part.StepFieldRef r : t.stepRefs()) {
        reads.add(r.step());
      }
    }
    return new StepDependencies(List.copyOf(reads), step.needs());
  }

  /** Every step depended on, reads first, in the order written, without duplicates. */
  public List<String> all() {
    Set<String> all = new LinkedHashSet<>(reads);
    all.addAll(needs);
    return List.copyOf(all);
  }
}
