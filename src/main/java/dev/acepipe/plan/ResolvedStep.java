package dev.acepipe.plan;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A planned step with every field concrete, ready to become a request.
 *
 * @param id the instance id
 * @param values every field that was written (on the step or in defaults), converted to its {@link
 *     StepField#type()}: {@link String}, {@link Long}, {@link Double} or {@link Boolean};
 *     range-checked. Absent fields are not in the map: send the server default (or nothing).
 * @param from the instance whose audio is edited, or null
 * @param reference the instance whose audio is the style reference, or null
 * @param extra passed through to the request as is
 */
public record ResolvedStep(
    String id,
    StepKind kind,
    int takes,
    int retries,
    Duration timeout,
    StepRef from,
    StepRef reference,
    Map<StepField, Object> values,
    Map<String, Object> extra) {

  public ResolvedStep {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(timeout, "timeout");
    values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** A STRING field. */
  public Optional<String> text(StepField field) {
    return Optional.ofNullable((String) typed(field, String.class));
  }

  /** An INTEGER field. */
  public OptionalLong integer(StepField field) {
    Long v = (Long) typed(field, Long.class);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** A NUMBER field. */
  public OptionalDouble number(StepField field) {
    Double v = (Double) typed(field, Double.class);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** A BOOLEAN field. */
  public Optional<Boolean> flag(StepField field) {
    return Optional.ofNullable((Boolean) typed(field, Boolean.class));
  }

  public Optional<StepRef> fromRef() {
    return Optional.ofNullable(from);
  }

  public Optional<StepRef> referenceRef() {
    return Optional.ofNullable(reference);
  }

  private Object typed(StepField field, Class<?> expected) {
    Object v = values.get(field);
    if (v != null && !expected.isInstance(v)) {
      throw new IllegalArgumentException(
          field.key() + " is a " + field.type() + ", not " + expected.getSimpleName());
    }
    return v;
  }
}
