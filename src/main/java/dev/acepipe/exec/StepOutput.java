package dev.acepipe.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished step offers the steps after it: its takes and named fields ({@code caption},
 * {@code lyrics}, {@code bpm}, {@code key}, {@code duration}, {@code seed}, {@code file}) that
 * {@code ${steps.ID.*}} reads.
 */
public record StepOutput(String stepId, List<TakeResult> takes, Map<String, Object> fields) {
  public StepOutput {
    Objects.requireNonNull(stepId, "stepId");
    takes = List.copyOf(takes);
    // Null-valued fields are dropped: a field the server did not report is absent, not null.
    Map<String, Object> copy = new LinkedHashMap<>();
    fields.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    fields = Collections.unmodifiableMap(copy);
  }

  /** An output whose fields are typed by the kind that produced them. */
  public StepOutput(String stepId, List<TakeResult> takes, StepFields fields) {
    this(stepId, takes, fields.asMap());
  }

  /** The named field, if the step produced it. */
  public Optional<Object> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** Take {@code index}; throws naming the step when it produced fewer. */
  public TakeResult take(int index) {
    if (index < 0 || index >= takes.size()) {
      throw new IllegalArgumentException(
          "step '"
              + stepId
              + "' produced "
              + takes.size()
              + " take(s); take #"
              + index
              + " does not exist");
    }
    return takes.get(index);
  }
}
