package dev.acepipe.plan;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the planner needs besides the pipeline: {@code --set} params and the environment. {@link
 * #toString()} shows names only, since values may be secrets.
 */
public record PlanInputs(Map<String, String> params, Map<String, String> env) {
  public PlanInputs {
    params = Map.copyOf(params);
    env = Map.copyOf(env);
  }

  /** The params given and the real process environment. */
  public static PlanInputs of(Map<String, String> params) {
    return new PlanInputs(params, System.getenv());
  }

  public static PlanInputs empty() {
    return new PlanInputs(Map.of(), Map.of());
  }

  @Override
  public String toString() {
    Objects.requireNonNull(params);
    return "PlanInputs[params=" + new TreeMap<>(params).keySet() + ", env=" + env.size() + " variables]";
  }
}
