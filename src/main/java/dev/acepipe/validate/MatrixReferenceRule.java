package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Instances;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step that reads one take of a matrix step ({@code from}, {@code reference}, {@code
 * ${steps...}}) must be bindable to exactly one instance per own instance: it needs the same matrix
 * keys, with values the upstream step has. {@code needs:} a matrix step waits for all its instances
 * and is always fine. Output keys may name an instance ({@code variations[mood=dark]}) but not a
 * whole matrix step. A {@code select} step is the one reader that takes a whole matrix step: it
 * collects every instance.
 */
public final class MatrixReferenceRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declared, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      if (step.kind() == StepKind.SELECT) {
        continue; // a select collects every instance of its source
      }
      step.fromRef()
          .ifPresent(
              r ->
                  bindable(
                      pipeline, step, r.step(), "'from: " + r + "'", step.locationOf("from"), out));
      step.referenceRef()
          .ifPresent(
              r ->
                  bindable(
                      pipeline,
                      step,
                      r.step(),
                      "'reference: " + r + "'",
                      step.locationOf("reference"),
                      out));
      for (Template t : step.fields().values()) {
        for (Part.StepFieldRef r : t.stepRefs()) {
          bindable(
              pipeline,
              step,
              r.step(),
              "'${steps." + r.step() + "." + r.field().yamlName() + "}'",
              t.location(),
              out);
        }
      }
    }
    for (OutputSpec o : pipeline.outputs()) {
      StepRef ref = o.ref();
      int bracket = ref.step().indexOf('[');
      String base = bracket < 0 ? ref.step() : ref.step().substring(0, bracket);
      Step target = pipeline.steps().get(base);
      if (bracket >= 0) {
        if (!declared.contains(base)) {
          out.add(
              Diagnostic.error(
                  Codes.UNKNOWN_STEP, o.location(), "output '" + ref + "' names no step"));
        } else if (target != null && !Instances.ids(target).contains(ref.step())) {
          List<String> ids = Instances.ids(target);
          out.add(RefDiagnostics.noInstance(o.location(), "output '" + ref + "'", base, ids));
        } else if (target != null && ref.take() >= target.takes()) {
          out.add(
              RefDiagnostics.badTake(
                  o.location(), "output '" + ref + "'", ref.take(), base, target.takes()));
        }
      } else if (target != null && target.isMatrix()) {
        out.add(
            Diagnostic.error(
                Codes.MATRIX_REF,
                o.location(),
                "output '"
                    + ref
                    + "' names a matrix step with "
                    + Instances.ids(target).size()
                    + " instances",
                "name one instance, e.g. '" + Instances.ids(target).get(0) + "'"));
      }
    }
  }

  private static void bindable(
      Pipeline p,
      Step reader,
      String upstreamId,
      String written,
      SourceLocation at,
      List<Diagnostic> out) {
    Step upstream = p.steps().get(upstreamId);
    if (upstream == null || !upstream.isMatrix()) {
      return;
    }
    for (Map.Entry<String, List<String>> e : upstream.matrix().entrySet()) {
      List<String> mine = reader.matrix().get(e.getKey());
      if (mine == null || !e.getValue().containsAll(mine)) {
        out.add(
            Diagnostic.error(
                Codes.MATRIX_REF,
                at,
                written
                    + " reads matrix step '"
                    + upstreamId
                    + "' ("
                    + Instances.ids(upstream).size()
                    + " instances), but step '"
                    + reader.id()
                    + "' "
                    + (mine == null
                        ? "has no matrix key '" + e.getKey() + "'"
                        : "has values of '" + e.getKey() + "' that '" + upstreamId + "' lacks"),
                "give '"
                    + reader.id()
                    + "' the matrix key '"
                    + e.getKey()
                    + "' (a subset of its values), or collect the instances with a 'select' step"));
        return;
      }
    }
  }
}
