package dev.acepipe.plan;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Suggest;
import dev.acepipe.dsl.model.ParamSpec;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Template;
import dev.acepipe.validate.ParamsRule;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of {@code ${params.X}} for one plan: each declared param's given value ({@code --set}
 * wins over {@code --params}, which the CLI has already merged) or its default, type-checked and in
 * canonical form; plus, for params that are referenced but not declared (untyped v1 style), the
 * given text.
 *
 * <p>Reports {@code unknown-param} for a given name that is neither declared nor referenced (with a
 * did-you-mean hint), and {@code wrong-type} for a value that is not of the declared type, located
 * where the value was written ({@link PlanInputs#origin}) or else at the declaration.
 */
public final class ParamValues {
  private ParamValues() {}

  /** Resolved values by name; a declared param without default and without value is absent. */
  public static Map<String, String> resolve(
      Pipeline pipeline, PlanInputs inputs, List<Diagnostic> out) {
    Set<String> referenced = referenced(pipeline);
    Map<String, String> values = new LinkedHashMap<>();
    for (ParamSpec spec : pipeline.params().values()) {
      spec.defaultText().ifPresent(d -> values.put(spec.name(), d));
    }
    for (Map.Entry<String, String> given : inputs.params().entrySet()) {
      String name = given.getKey();
      ParamSpec spec = pipeline.params().get(name);
      SourceLocation origin = inputs.origin(name).orElse(null);
      if (spec == null) {
        if (referenced.contains(name)) {
          values.put(name, given.getValue());
          continue;
        }
        Set<String> known = new LinkedHashSet<>(pipeline.params().keySet());
        known.addAll(referenced);
        String hint =
            Suggest.didYouMean(name, known)
                .orElse(
                    known.isEmpty()
                        ? "this pipeline declares no params"
                        : "params are: " + String.join(", ", known));
        SourceLocation at = origin != null ? origin : new SourceLocation(pipeline.file(), 1, 1);
        out.add(
            Diagnostic.error(
                Codes.UNKNOWN_PARAM,
                at,
                "'"
                    + name
                    + "' is not a parameter of "
                    + pipeline.name()
                    + " (given "
                    + how(origin)
                    + ")",
                hint));
        continue;
      }
      String canonical = spec.type().canonical(given.getValue(), spec.values()).orElse(null);
      if (canonical == null) {
        String hint =
            !spec.values().isEmpty()
                ? Suggest.didYouMean(given.getValue(), spec.values())
                    .orElse("one of " + String.join(", ", spec.values()))
                : origin != null ? "declared at " + spec.location() : "";
        out.add(
            Diagnostic.error(
                Codes.WRONG_TYPE,
                origin != null ? origin : spec.location(),
                "param '"
                    + name
                    + "' is "
                    + spec.type().yamlName()
                    + ", but "
                    + how(origin)
                    + " gives '"
                    + given.getValue()
                    + "', which is not "
                    + spec.type().words(),
                hint));
        continue;
      }
      values.put(name, canonical);
    }
    return values;
  }

  private static String how(SourceLocation origin) {
    return origin == null ? "--set" : "--params";
  }

  /** Every param name some {@code ${params.X}} reads. */
  static Set<String> referenced(Pipeline pipeline) {
    Set<String> names = new LinkedHashSet<>();
    for (Template t : ParamsRule.paramReaders(pipeline)) {
      for (Part p : t.parts()) {
        if (p instanceof Part.ParamRef r) {
          names.add(r.name());
        }
      }
    }
    return names;
  }
}
