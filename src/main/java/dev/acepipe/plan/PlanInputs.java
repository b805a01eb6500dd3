package dev.acepipe.plan;

import dev.acepipe.dsl.model.SourceLocation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the planner needs besides the pipeline: parameter values and the environment. {@link
 * #toString()} shows names only, since values may be secrets.
 *
 * @param params {@code --set} and {@code --params} values as text, by name (the planner types them)
 * @param env the environment for {@code ${env.X}}
 * @param origins where a param value was written when it came from a {@code --params} file; params
 *     given with {@code --set} have none
 */
public record PlanInputs(
    Map<String, String> params, Map<String, String> env, Map<String, SourceLocation> origins) {
  public PlanInputs {
    params = Map.copyOf(params);
    env = Map.copyOf(env);
    origins = Map.copyOf(origins);
  }

  /** Inputs whose params all came from {@code --set}. */
  public PlanInputs(Map<String, String> params, Map<String, String> env) {
    this(params, env, Map.of());
  }

  public static PlanInputs empty() {
    return new PlanInputs(Map.of(), Map.of());
  }

  /** Where param {@code name}'s value was written, if it came from a file. */
  public Optional<SourceLocation> origin(String name) {
    return Optional.ofNullable(origins.get(name));
  }

  @Override
  public String toString() {
    Objects.requireNonNull(params);
    return "PlanInputs[params="
        + new TreeMap<>(params).keySet()
        + ", env="
        + env.size()
        + " variables]";
  }
}
