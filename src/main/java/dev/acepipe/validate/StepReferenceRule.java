package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Suggest;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every step named by {@code from}, {@code reference}, {@code needs}, {@code ${steps...}} and
 * {@code outputs} exists ({@code unknown-step}, with a did-you-mean hint), produces audio where
 * audio is needed ({@code wrong-type}), and has the take asked for ({@code bad-take}). Output keys
 * naming a matrix instance are checked by {@link MatrixReferenceRule}.
 */
public final class StepReferenceRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declared, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      step.fromRef()
          .ifPresent(r -> audioRef(pipeline, declared, "from", r, step.locationOf("from"), out));
      step.referenceRef()
          .ifPresent(
              r -> audioRef(pipeline, declared, "reference", r, step.locationOf("reference"), out));
      for (int i = 0; i < step.needs().size(); i++) {
        String need = step.needs().get(i);
        if (!declared.contains(need)) {
          out.add(
              unknown(
                  "'needs: " + need + "'", need, declared, step.locationOf("needs[" + i + "]")));
        }
      }
      for (Map.Entry<StepField, Template> e : step.fields().entrySet()) {
        for (Part.StepFieldRef r : e.getValue().stepRefs()) {
          if (!declared.contains(r.step())) {
            out.add(
                unknown(
                    "'${steps." + r.step() + "." + r.field().yamlName() + "}'",
                    r.step(),
                    declared,
                    e.getValue().location()));
          }
        }
      }
    }
    for (OutputSpec o : pipeline.outputs()) {
      if (!o.ref().step().contains("[")) {
        audioRef(pipeline, declared, "outputs", o.ref(), o.location(), out);
      }
    }
  }

  private static void audioRef(
      Pipeline p,
      Set<String> declared,
      String key,
      StepRef ref,
      SourceLocation at,
      List<Diagnostic> out) {
    String written = key.equals("outputs") ? "output '" + ref + "'" : "'" + key + ": " + ref + "'";
    if (!declared.contains(ref.step())) {
      out.add(unknown(written, ref.step(), declared, at));
      return;
    }
    Step target = p.steps().get(ref.step());
    if (target == null) {
      return; // failed to decode; already reported
    }
    if (!target.kind().producesAudio()) {
      out.add(
          Diagnostic.error(
              Codes.WRONG_TYPE,
              at,
              written + " names a " + target.kind().yamlName() + " step, which produces no audio",
              "read its text with ${steps." + ref.step() + ".caption} instead"));
      return;
    }
    if (ref.take() >= target.takes()) {
      out.add(
          Diagnostic.error(
              Codes.BAD_TAKE,
              at,
              written
                  + " asks for take "
                  + ref.take()
                  + ", but '"
                  + ref.step()
                  + "' makes "
                  + target.takes()
                  + (target.takes() == 1 ? " take" : " takes"),
              target.takes() == 1
                  ? "use '" + ref.step() + "' (take 0)"
                  : "takes are numbered 0 to " + (target.takes() - 1)));
    }
  }

  private static Diagnostic unknown(
      String written, String id, Set<String> declared, SourceLocation at) {
    String hint =
        Suggest.didYouMean(id, declared)
            .orElse(declared.isEmpty() ? "" : "steps are: " + String.join(", ", declared));
    if (hint.length() > 200) {
      hint = "";
    }
    return Diagnostic.error(Codes.UNKNOWN_STEP, at, written + " names no step", hint);
  }
}
