package dev.acepipe.dsl;

import dev.acepipe.dsl.model.LoraAdapter;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code defaults:} values, each kept with its location; {@code lora} is null when no {@code
 * defaults:} names adapters (an empty list means "none", and a step's own list replaces it).
 */
record Defaults(
    Map<StepField, Template> fields,
    Integer takes,
    Integer retries,
    Duration timeout,
    Map<String, Object> extra,
    Map<String, SourceLocation> locations,
    List<LoraAdapter> lora) {
  static final Defaults NONE = new Defaults(Map.of(), null, null, null, Map.of(), Map.of(), null);

  /** These defaults with every value {@code higher} sets replacing ours. */
  Defaults overriddenBy(Defaults higher) {
    Map<StepField, Template> f = new EnumMap<>(StepField.class);
    f.putAll(fields);
    f.putAll(higher.fields);
    Map<String, Object> x = new LinkedHashMap<>(extra);
    x.putAll(higher.extra);
    Map<String, SourceLocation> l = new LinkedHashMap<>(locations);
    l.putAll(higher.locations);
    return new Defaults(
        f,
        higher.takes != null ? higher.takes : takes,
        higher.retries != null ? higher.retries : retries,
        higher.timeout != null ? higher.timeout : timeout,
        x,
        l,
        higher.lora != null ? higher.lora : lora);
  }
}
