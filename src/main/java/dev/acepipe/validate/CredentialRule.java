package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whatever feeds {@code server.api_key} ({@code ${params.X}}, {@code ${env.X}}, {@code ${vars.X}},
 * and what those vars read) is as secret as the key, so no step and no other variable may read it:
 * a step's fields are written to the lockfile, the store and the run manifest. Credential-named
 * keys inside {@code extra} are reported by the decoder, where their exact location is known.
 */
public final class CredentialRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    Set<String> sources = new LinkedHashSet<>();
    Set<String> keyVars = new LinkedHashSet<>();
    for (Template key : pipeline.server().map(ServerSpec::apiKeys).orElse(List.of())) {
      collect(key, pipeline.vars(), sources, keyVars);
    }
    if (sources.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Template> v : pipeline.vars().entrySet()) {
      if (!keyVars.contains(v.getKey())) {
        leak(v.getValue(), "vars." + v.getKey(), sources, out);
      }
    }
    for (Step step : pipeline.steps().values()) {
      for (Map.Entry<StepField, Template> f : step.fields().entrySet()) {
        leak(f.getValue(), "step '" + step.id() + "' " + f.getKey().key(), sources, out);
      }
    }
  }

  /**
   * The sources of {@code t}, following variables (each once, so a var cycle reported elsewhere
   * ends here).
   */
  private static void collect(
      Template t, Map<String, Template> vars, Set<String> sources, Set<String> seenVars) {
    for (Part p : t.parts()) {
      String source = source(p);
      if (source != null) {
        sources.add(source);
      }
      if (p instanceof Part.VarRef v && seenVars.add(v.name()) && vars.containsKey(v.name())) {
        collect(vars.get(v.name()), vars, sources, seenVars);
      }
    }
  }

  private static void leak(Template t, String where, Set<String> sources, List<Diagnostic> out) {
    for (Part p : t.parts()) {
      String source = source(p);
      if (source != null && sources.contains(source)) {
        out.add(
            Diagnostic.error(
                Codes.CREDENTIAL,
                t.location(),
                where
                    + " reads ${"
                    + source
                    + "}, which feeds "
                    + "server.api_key; its value would be written to the lockfile, the store and the run manifest",
                "give this field its own param or variable"));
        return;
      }
    }
  }

  private static String source(Part p) {
    if (p instanceof Part.ParamRef r) {
      return "params." + r.name();
    }
    if (p instanceof Part.EnvRef e) {
      return "env." + e.name();
    }
    if (p instanceof Part.VarRef v) {
      return "vars." + v.name();
    }
    return null;
  }
}
