package dev.acepipe.dsl.model;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared step, with {@code defaults:} already merged in (the step's own value wins).
 *
 * @param id the key under {@code steps:}
 * @param index declaration order, 0-based (breaks ties in the plan)
 * @param fields request fields, each a template (see {@link StepField})
 * @param from the audio this step edits; null when absent
 * @param reference the style-reference audio; null when absent
 * @param needs extra ordering dependencies (step ids)
 * @param takes how many outputs ({@code batch_size}), 1–8
 * @param retries how often a failed job is resubmitted, 0–10
 * @param timeout how long the step may take before it fails
 * @param matrix key → values, in declaration order; empty when the step is not a matrix
 * @param extra passed through to the request unchanged (JSON-like values: String, Long, Double,
 *     Boolean, null, List, Map)
 * @param location where the step id is written
 * @param keyLocations where each written key's value is ({@code "from"}, {@code "needs[1]"}, {@code
 *     "matrix.mood"}, field keys ...), for diagnostics; a key that came from a template is located
 *     in the template's file
 * @param select the rule of a {@code select} step; null for every other kind
 * @param template the {@code use:} template the step was built from, or null
 * @param checks {@code expect:}, {@code on_fail:} and {@code lint:}, with {@code defaults:} merged
 *     in
 * @param lora the LoRA adapters the step needs loaded, in load order ({@code defaults:} merged in:
 *     a step's own list replaces the default one); empty when it needs none
 */
public record Step(
    String id,
    StepKind kind,
    int index,
    Map<StepField, Template> fields,
    StepRef from,
    StepRef reference,
    List<String> needs,
    int takes,
    int retries,
    Duration timeout,
    Map<String, List<String>> matrix,
    Map<String, Object> extra,
    SourceLocation location,
    Map<String, SourceLocation> keyLocations,
    SelectRule select,
    String template,
    Expect.Checks checks,
    List<LoraAdapter> lora) {

  public static final int DEFAULT_TAKES = 1;
  public static final int DEFAULT_RETRIES = 1;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

  public Step {
    Objects.requireNonNull(id, "id");
    checks = Objects.requireNonNullElse(checks, Expect.Checks.NONE);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(location, "location");
    fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fields));
    needs = List.copyOf(needs);
    lora = lora == null ? List.of() : List.copyOf(lora);
    Map<String, List<String>> m = new LinkedHashMap<>();
    matrix.forEach((k, v) -> m.put(k, List.copyOf(v)));
    matrix = Collections.unmodifiableMap(m);
    extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    if (takes < 1 || retries < 0) {
      throw new IllegalArgumentException(
          "step " + id + ": takes " + takes + ", retries " + retries);
    }
    if ((kind == StepKind.SELECT) != (select != null)) {
      throw new IllegalArgumentException(
          "step " + id + ": a select rule belongs to select steps only");
    }
  }

  /** The rule of a {@code select} step. */
  public Optional<SelectRule> selectRule() {
    return Optional.ofNullable(select);
  }

  /** The {@code use:} template, if any. */
  public Optional<String> templateName() {
    return Optional.ofNullable(template);
  }

  /** The field's template, if written on the step or in {@code defaults:}. */
  public Optional<Template> field(StepField f) {
    return Optional.ofNullable(fields.get(f));
  }

  public Optional<StepRef> fromRef() {
    return Optional.ofNullable(from);
  }

  public Optional<StepRef> referenceRef() {
    return Optional.ofNullable(reference);
  }

  /** Where {@code key}'s value is written, else where the step is. */
  public SourceLocation locationOf(String key) {
    return keyLocations.getOrDefault(key, location);
  }

  public boolean isMatrix() {
    return !matrix.isEmpty();
  }
}
