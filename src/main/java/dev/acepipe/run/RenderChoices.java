package dev.acepipe.run;

import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the user asked a run to render regardless of the cache, resolved against the plan and the
 * previous lockfile: {@code --force} (every instance), {@code --from STEP} (STEP's instances and
 * all their descendants) and {@code --reroll STEP} (STEP's reroll counter goes up by one, so its
 * seeds change and, through its new takes, its descendants render again).
 *
 * @param forced instance ids rendered even when stored
 * @param rerolls instance id → reroll counter for this run: the lockfile's, plus one where rerolled
 */
public record RenderChoices(Set<String> forced, Map<String, Integer> rerolls) {
  public RenderChoices {
    forced = Set.copyOf(forced);
    rerolls = Map.copyOf(rerolls);
  }

  /**
   * @param from step or instance ids for {@code --from}
   * @param reroll step or instance ids for {@code --reroll}
   * @throws IllegalArgumentException naming any id that matches no step (a programming error:
   *     callers check the names first with {@link #unknownSteps})
   */
  public static RenderChoices of(
      Plan plan, Lockfile previous, boolean force, List<String> from, List<String> reroll) {
    Map<String, Integer> rerolls = new TreeMap<>();
    for (String id : plan.steps().keySet()) {
      int r = previous.step(id).map(LockEntry::reroll).orElse(0);
      if (r > 0) {
        rerolls.put(id, r);
      }
    }
    for (String id : instances(plan, reroll, "--reroll")) {
      rerolls.merge(id, 1, Integer::sum);
    }
    Set<String> forced = new TreeSet<>();
    if (force) {
      forced.addAll(plan.steps().keySet());
    }
    for (String id : instances(plan, from, "--from")) {
      forced.add(id);
      forced.addAll(plan.downstreamOf(id));
    }
    return new RenderChoices(forced, rerolls);
  }

  /**
   * The names that are neither a step instance id nor a declared step id of {@code plan}, sorted;
   * the CLI checks {@code --only}, {@code --from} and {@code --reroll} with it before anything
   * runs.
   */
  public static Set<String> unknownSteps(Plan plan, List<String> names) {
    Set<String> unknown = new TreeSet<>(names);
    for (PlannedStep s : plan.order()) {
      unknown.remove(s.id());
      unknown.remove(s.stepId());
    }
    return unknown;
  }

  /**
   * The instance ids named (by instance id or by declared step id, which names all its matrix
   * instances).
   */
  private static Set<String> instances(Plan plan, List<String> names, String option) {
    Set<String> unknown = unknownSteps(plan, names);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(option + " names no step: " + String.join(", ", unknown));
    }
    Set<String> out = new TreeSet<>();
    for (PlannedStep s : plan.order()) {
      if (names.contains(s.id()) || names.contains(s.stepId())) {
        out.add(s.id());
      }
    }
    return out;
  }
}
