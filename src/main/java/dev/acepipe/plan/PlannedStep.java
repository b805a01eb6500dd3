package dev.acepipe.plan;

import dev.acepipe.dsl.model.FieldValue;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.Template;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One node of the plan: a step, or one instance of a matrix step.
 *
 * <p>{@code ${vars}}, {@code ${env}}, {@code ${params}} and {@code ${matrix}} are already
 * substituted in {@link #fields()}; what is left are literals and {@link Part.StepFieldRef}s naming
 * instance ids, resolved by {@link #resolve(StepOutputs)} once the dependencies have run.
 *
 * @param id instance id: the step id, or {@code variations[mood=dark,tempo=slow]} for a matrix
 *     instance
 * @param stepId the declared step id
 * @param matrixValues this instance's matrix key → value (empty when not a matrix step)
 * @param index position in {@link Plan#order()}; -1 while the planner still drafts the instance
 *     (every step of a {@link Plan} has been placed there)
 * @param dependencies instance ids this step waits for, in plan order (in the order they were found
 *     while drafted)
 * @param from the instance whose audio is edited, or null
 * @param reference the instance whose audio is the style reference, or null
 * @param fields request fields as templates (constant ones are already type- and range-checked)
 * @param extra passed through to the request
 * @param location where the step is declared
 * @param select the rule of a {@code select} step, null for other kinds
 * @param candidates for a {@code select} step, every take it chooses from, instance-major (each
 *     instance of the source, then each take); empty for other kinds. A select's {@link #from()} is
 *     null and its dependencies are every candidate instance. The choice belongs in the fingerprint
 *     of what reads it.
 * @param checks the step's {@code expect:}, {@code on_fail:} and {@code lint:}
 * @param lora the LoRA adapters the step needs loaded on its server; empty when none
 */
public record PlannedStep(
    String id,
    String stepId,
    Map<String, String> matrixValues,
    StepKind kind,
    int index,
    List<String> dependencies,
    int takes,
    int retries,
    Duration timeout,
    StepRef from,
    StepRef reference,
    Map<StepField, Template> fields,
    Map<String, Object> extra,
    SourceLocation location,
    SelectRule select,
    List<StepRef> candidates,
    dev.acepipe.dsl.model.Expect.Checks checks,
    List<dev.acepipe.dsl.model.LoraAdapter> lora) {

  public PlannedStep {
    lora = lora == null ? List.of() : List.copyOf(lora);
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(location, "location");
    matrixValues = Collections.unmodifiableMap(new LinkedHashMap<>(matrixValues));
    dependencies = List.copyOf(dependencies);
    fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fields));
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    candidates = List.copyOf(candidates);
    checks = Objects.requireNonNullElse(checks, dev.acepipe.dsl.model.Expect.Checks.NONE);
    if ((kind == StepKind.SELECT) != (select != null)) {
      throw new IllegalArgumentException(
          "step " + id + ": a select rule belongs to select steps only");
    }
  }

  /** This instance at {@code index} of the plan order, waiting for {@code dependencies}. */
  PlannedStep placed(int index, List<String> dependencies) {
    return new PlannedStep(
        id,
        stepId,
        matrixValues,
        kind,
        index,
        dependencies,
        takes,
        retries,
        timeout,
        from,
        reference,
        fields,
        extra,
        location,
        select,
        candidates,
        checks,
        lora);
  }

  /** The rule of a {@code select} step. */
  public Optional<SelectRule> selectRule() {
    return Optional.ofNullable(select);
  }

  /** The seed written for this step (on it or in defaults) when it is known before running. */
  public OptionalLong seed() {
    Template t = fields.get(StepField.SEED);
    if (t == null || !t.isConstant()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((Long) StepField.SEED.convert(t.constant().orElseThrow()));
  }

  /** True when some field reads an upstream output ({@code ${steps...}}). */
  public boolean readsUpstream() {
    return fields.values().stream().anyMatch(t -> !t.isConstant());
  }

  /**
   * Resolves every field against the outputs of the dependencies.
   *
   * @throws ResolutionException when an upstream value is missing, not of the field's type, or out
   *     of range; the message names this step and the field
   */
  public ResolvedStep resolve(StepOutputs upstream) {
    Objects.requireNonNull(upstream, "upstream");
    Map<StepField, Object> values = new EnumMap<>(StepField.class);
    for (Map.Entry<StepField, Template> e : fields.entrySet()) {
      StepField field = e.getKey();
      Template t = e.getValue();
      String text =
          t.render(
              p -> {
                Part.StepFieldRef ref = (Part.StepFieldRef) p;
                return upstream
                    .value(ref.step(), ref.field())
                    .orElseThrow(
                        () ->
                            new ResolutionException(
                                t.location(),
                                "step '"
                                    + id
                                    + "': "
                                    + field.key()
                                    + " needs ${steps."
                                    + ref.step()
                                    + "."
                                    + ref.field().yamlName()
                                    + "}, which that step did not produce"));
              });
      FieldValue value = field.read(text);
      if (!value.isValid()) {
        throw new ResolutionException(t.location(), "step '" + id + "': " + value.message());
      }
      values.put(field, value.value());
    }
    return new ResolvedStep(id, kind, takes, retries, timeout, from, reference, values, extra);
  }

  @Override
  public String toString() {
    return id + " (" + kind.yamlName() + ")";
  }
}
