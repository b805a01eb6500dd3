package dev.acepipe.dsl.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Matrix expansion: the instances of a step and their ids. */
public final class Instances {
  private Instances() {}

  /**
   * The instance id for {@code values}: the step id alone when there are none, else {@code
   * id[k1=v1,k2=v2]} with keys in declaration order.
   */
  public static String id(String stepId, Map<String, String> values) {
    if (values.isEmpty()) {
      return stepId;
    }
    StringJoiner j = new StringJoiner(",", stepId + "[", "]");
    values.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /**
   * Every combination of the step's matrix values, the first key varying slowest; one empty map for
   * a step without a matrix.
   */
  public static List<Map<String, String>> combinations(Step step) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : step.matrix().entrySet()) {
      List<Map<String, String>> next = new ArrayList<>(out.size() * e.getValue().size());
      for (Map<String, String> partial : out) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out.stream()
        .map(m -> (Map<String, String>) java.util.Collections.unmodifiableMap(m))
        .toList();
  }

  /** The instance ids of a step, in expansion order. */
  public static List<String> ids(Step step) {
    return combinations(step).stream().map(m -> id(step.id(), m)).toList();
  }
}
