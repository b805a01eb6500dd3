package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Suggest;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ${vars.X}} names a declared var and {@code ${matrix.X}} a matrix key of its step ({@code
 * bad-expression}, with a did-you-mean hint). A field whose value is known once vars are
 * substituted is type- and range-checked like a literal ({@code wrong-type}, {@code out-of-range}).
 */
public final class ExpressionRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    pipeline
        .server()
        .ifPresent(
            s -> {
              vars(pipeline, s.url(), "url", out);
              if (s.apiKey() != null) {
                vars(pipeline, s.apiKey(), "api_key", out);
              }
            });
    for (Step step : pipeline.steps().values()) {
      for (Map.Entry<StepField, Template> e : step.fields().entrySet()) {
        StepField field = e.getKey();
        Template t = e.getValue();
        boolean ok = vars(pipeline, t, field.key(), out);
        for (Part p : t.parts()) {
          if (p instanceof Part.MatrixRef m && !step.matrix().containsKey(m.name())) {
            ok = false;
            List<String> keys = new ArrayList<>(step.matrix().keySet());
            String hint =
                keys.isEmpty()
                    ? "step '" + step.id() + "' has no matrix"
                    : Suggest.didYouMean(m.name(), keys)
                        .orElse("matrix keys are: " + String.join(", ", keys));
            out.add(
                Diagnostic.error(
                    Codes.BAD_EXPRESSION,
                    t.location(),
                    "'"
                        + field.key()
                        + "': '${matrix."
                        + m.name()
                        + "}' is not a matrix key of step '"
                        + step.id()
                        + "'",
                    hint));
          }
        }
        if (!ok || t.isConstant()) {
          continue; // literals were checked by the decoder
        }
        Template known = StaticValues.substituteVars(pipeline, t);
        if (!known.isConstant()) {
          continue;
        }
        SubstitutedValues.problem(field, t, known.constant().orElseThrow(), "").ifPresent(out::add);
      }
    }
  }

  private static boolean vars(Pipeline pipeline, Template t, String key, List<Diagnostic> out) {
    boolean ok = true;
    for (Part p : t.parts()) {
      if (p instanceof Part.VarRef v && !pipeline.vars().containsKey(v.name())) {
        ok = false;
        String hint =
            Suggest.didYouMean(v.name(), pipeline.vars().keySet())
                .orElse(
                    pipeline.vars().isEmpty()
                        ? "declare it under 'vars:'"
                        : "vars are: " + String.join(", ", pipeline.vars().keySet()));
        out.add(
            Diagnostic.error(
                Codes.BAD_EXPRESSION,
                t.location(),
                "'" + key + "': '${vars." + v.name() + "}' names no var",
                hint));
      }
    }
    return ok;
  }
}
