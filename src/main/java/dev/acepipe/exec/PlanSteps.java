package dev.acepipe.exec;

import dev.acepipe.adapters.Adapter;
import dev.acepipe.adapters.AdapterSet;
import dev.acepipe.dsl.model.LoraAdapter;
import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.plan.ResolutionException;
import dev.acepipe.plan.ResolvedStep;
import dev.acepipe.plan.StepOutputs;
import dev.acepipe.store.Seeds;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adapts a {@link Plan} to the executor: one {@link ExecStep} per planned instance, whose resolver
 * runs {@link PlannedStep#resolve} against the finished upstream outputs and maps the concrete
 * values onto a request.
 *
 * <p>Every request gets a concrete seed (the step's own, else {@link Seeds#forRequest}, see
 * docs/reproducibility.md), {@code batch_size} = takes, and an explicit {@code audio_format} (flac
 * unless the pipeline says otherwise).
 */
public final class PlanSteps {
  /** The audio format sent when a pipeline sets none. */
  public static final String DEFAULT_FORMAT = "flac";

  private PlanSteps() {}

  /**
   * @param projectDir where relative {@code import} paths are read from (the pipeline file's
   *     folder)
   * @param only when non-empty, just these instance ids (by instance or declared step id) and what
   *     they need
   */
  public static List<ExecStep> of(Plan plan, Path projectDir, Set<String> only) {
    return of(plan, projectDir, only, Map.of());
  }

  /**
   * As {@link #of(Plan, Path, Set)}, with reroll counters: instance id → how many times {@code
   * --reroll} drew new seeds for it (absent = 0). The counter is an input of {@link
   * Seeds#forRequest}.
   */
  public static List<ExecStep> of(
      Plan plan, Path projectDir, Set<String> only, Map<String, Integer> rerolls) {
    Set<String> keep = only.isEmpty() ? null : closure(plan, only);
    return plan.order().stream()
        .filter(s -> keep == null || keep.contains(s.id()))
        .map(s -> toExec(plan, s, projectDir, rerolls.getOrDefault(s.id(), 0)))
        .toList();
  }

  /** The instances named by {@code only} (step or instance ids) plus everything they depend on. */
  static Set<String> closure(Plan plan, Set<String> only) {
    Set<String> keep = new java.util.LinkedHashSet<>();
    Set<String> known = new java.util.TreeSet<>();
    for (PlannedStep s : plan.order()) {
      known.add(s.id());
      known.add(s.stepId());
      if (only.contains(s.id()) || only.contains(s.stepId())) {
        keep.addAll(ancestors(plan, s.id()));
      }
    }
    Set<String> unknown = new java.util.TreeSet<>(only);
    unknown.removeAll(known);
    if (unknown.isEmpty()) {
      return keep;
    }
    Optional<String> hint =
        unknown.size() == 1
            ? dev.acepipe.dsl.Suggest.didYouMean(unknown.iterator().next(), known)
            : Optional.empty();
    throw new IllegalArgumentException(
        "--only names no step: "
            + String.join(", ", unknown)
            + hint.map(h -> " (" + h + ")").orElse(""));
  }

  /** {@code id} and every instance it depends on, directly or not. */
  private static Set<String> ancestors(Plan plan, String id) {
    Set<String> out = new java.util.LinkedHashSet<>();
    var it =
        new org.jgrapht.traverse.DepthFirstIterator<>(
            new org.jgrapht.graph.EdgeReversedGraph<>(plan.graph()), id);
    it.forEachRemaining(out::add);
    return out;
  }

  private static ExecStep toExec(Plan plan, PlannedStep s, Path projectDir, int reroll) {
    StepHandler handler = StepHandlers.of(s.kind());
    return new ExecStep(
        s.id(),
        s.dependencies(),
        s.retries(),
        s.timeout(),
        new ExecStep.Resolver() {
          @Override
          public StepAction resolve(Upstream upstream) {
            return resolve(upstream, 0);
          }

          @Override
          public StepAction resolve(Upstream upstream, int extraRerolls) {
            // Resolved only when the handler asks: a select needs nothing resolved, and a rule
            // that cannot run then fails this step, not the whole run.
            StepAction action =
                handler.action(
                    new ActionInput(
                        plan, s, () -> resolved(s, upstream), projectDir, reroll + extraRerolls));
            if (plan.switchModels() && action instanceof StepAction.Job job) {
              action = job.withModelSwitch(true);
            }
            if (s.lora().isEmpty()) {
              return action;
            }
            if (!(action instanceof StepAction.Job job)) {
              throw new IllegalArgumentException(
                  "step '"
                      + s.id()
                      + "' names LoRA adapters but sends no render job to the server");
            }
            return job.withAdapters(adapterSet(s.lora()));
          }
        },
        s.checks());
  }

  /** The adapters of a step's {@code lora:}, named as the server will name them. */
  static AdapterSet adapterSet(List<LoraAdapter> lora) {
    List<Adapter> out = new ArrayList<>();
    for (LoraAdapter a : lora) {
      out.add(Adapter.of(a.path(), a.scale(), a.adapterName()));
    }
    return new AdapterSet(out);
  }

  private static ResolvedStep resolved(PlannedStep s, Upstream upstream) {
    try {
      return s.resolve(outputsOf(upstream));
    } catch (ResolutionException e) {
      throw new IllegalArgumentException(e.location() + ": " + e.getMessage(), e);
    }
  }

  /** Maps resolved values onto the action for the step's kind. */
  static StepAction action(Plan plan, ResolvedStep r, Path projectDir) {
    return StepHandlers.of(r.kind())
        .action(new ActionInput(plan, plan.step(r.id()), () -> r, projectDir, 0));
  }

  /** Answers {@code ${steps.ID.FIELD}} from finished outputs: take 0, numbers in plain decimal. */
  static StepOutputs outputsOf(Upstream upstream) {
    return (id, field) -> {
      StepOutput out;
      try {
        out = upstream.output(id);
      } catch (Upstream.NotFinishedException e) {
        return Optional.empty();
      }
      return out.field(fieldName(field)).map(PlanSteps::plain);
    };
  }

  private static String fieldName(OutputField f) {
    return f.yamlName();
  }

  private static String plain(Object v) {
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }
}
