package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Instances;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepKind;
import java.util.List;
import java.util.Set;

/**
 * A {@code select} step's {@code pick: {index: N}} names a candidate that exists: N is below the
 * number of takes of {@code from} times its matrix instances ({@code out-of-range}). That {@code
 * from} exists and makes audio is {@link StepReferenceRule}'s job; that it is present, {@link
 * RequiredFieldsRule}'s.
 */
public final class SelectStepRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      if (step.kind() != StepKind.SELECT || step.from() == null) {
        continue;
      }
      Step source = pipeline.steps().get(step.from().step());
      if (source == null || !source.kind().producesAudio()) {
        continue;
      }
      int candidates = candidates(source);
      if (step.select() instanceof SelectRule.Index i && i.index() >= candidates) {
        out.add(
            Diagnostic.error(
                Codes.OUT_OF_RANGE,
                step.locationOf("pick"),
                "step '"
                    + step.id()
                    + "' picks candidate "
                    + i.index()
                    + ", but '"
                    + source.id()
                    + "' offers "
                    + candidates
                    + (candidates == 1 ? " candidate" : " candidates"),
                "candidates are numbered 0 to "
                    + (candidates - 1)
                    + (source.isMatrix() ? " (instance by instance, then take by take)" : "")));
      }
    }
  }

  /**
   * How many takes a select on {@code source} chooses from: its takes times its matrix instances.
   */
  public static int candidates(Step source) {
    return Instances.ids(source).size() * source.takes();
  }
}
