package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A repaint window must not be empty or inverted ({@code start < end}): the server would silently
 * regenerate the whole track. Checked when both ends are known before running (literals and vars).
 * A {@code continue} is a repaint window too: it extends either after the end ({@code seconds},
 * optionally starting {@code overlap} seconds early) or before the start ({@code prepend}), never
 * both.
 */
public final class RepaintWindowRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      if (step.kind() == StepKind.CONTINUE) {
        extension(step, out);
        continue;
      }
      if (step.kind() != StepKind.REPAINT) {
        continue;
      }
      Optional<Double> start = number(pipeline, step, StepField.START);
      Optional<Double> end = number(pipeline, step, StepField.END);
      if (start.isPresent() && end.isPresent() && start.get() >= end.get()) {
        out.add(
            Diagnostic.error(
                Codes.REPAINT_WINDOW,
                step.locationOf("end"),
                "repaint window of '"
                    + step.id()
                    + "' is empty: 'end' ("
                    + shown(end.get())
                    + ") must be greater than 'start' ("
                    + shown(start.get())
                    + ")",
                "the window is [start, end) in seconds of the source"));
      }
    }
  }

  private static void extension(Step step, List<Diagnostic> out) {
    if (!step.field(StepField.PREPEND).isPresent()) {
      return;
    }
    for (StepField other : List.of(StepField.SECONDS, StepField.OVERLAP)) {
      if (step.field(other).isPresent()) {
        out.add(
            Diagnostic.error(
                Codes.REPAINT_WINDOW,
                step.locationOf(other.key()),
                "continue step '" + step.id() + "' has both 'prepend' and '" + other.key() + "'",
                "'prepend: S' adds S seconds before the start; 'seconds' (with 'overlap')"
                    + " extends after the end: use one of them"));
      }
    }
  }

  private static Optional<Double> number(Pipeline p, Step step, StepField f) {
    Optional<Template> t = step.field(f).map(x -> StaticValues.substituteVars(p, x));
    if (t.isEmpty() || !t.get().isConstant()) {
      return Optional.empty();
    }
    // an out-of-range end still orders the window; a wrong type is reported by ExpressionRule
    return f.read(t.get().constant().orElseThrow()).typed().map(Double.class::cast);
  }

  private static String shown(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
