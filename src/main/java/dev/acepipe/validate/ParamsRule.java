package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Suggest;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When a pipeline declares {@code params:}, every {@code ${params.X}} names a declared param
 * ({@code unknown-param}, with a did-you-mean hint). A pipeline without declarations keeps the
 * untyped v1 behaviour: any {@code ${params.X}} is set with {@code --set}.
 */
public final class ParamsRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    if (pipeline.params().isEmpty()) {
      return;
    }
    for (Template t : paramReaders(pipeline)) {
      for (Part p : t.parts()) {
        if (p instanceof Part.ParamRef r && !pipeline.params().containsKey(r.name())) {
          String hint =
              Suggest.didYouMean(r.name(), pipeline.params().keySet())
                  .orElse("declared params are: " + String.join(", ", pipeline.params().keySet()));
          out.add(
              Diagnostic.error(
                  Codes.UNKNOWN_PARAM,
                  t.location(),
                  "'${params." + r.name() + "}' names no declared param",
                  hint));
        }
      }
    }
  }

  /**
   * Every template where a {@code ${params.X}} may stand: the vars, the server's url and api key,
   * and every step field. The planner reads the same list to know which params are used.
   */
  public static List<Template> paramReaders(Pipeline pipeline) {
    List<Template> templates = new ArrayList<>(pipeline.vars().values());
    pipeline.server().ifPresent(s -> templates.addAll(s.templates()));
    for (Step step : pipeline.steps().values()) {
      templates.addAll(step.fields().values());
    }
    return templates;
  }
}
