package dev.acepipe.exec;

import java.util.Map;

/**
 * The named values a finished step offers to {@code ${steps.ID.FIELD}}, the manifest and the
 * lockfile, typed by the kind that produced them. Every kind has its own record; {@link #asMap}
 * spells it in the DSL's field names.
 */
public interface StepFields {

  /** The fields by DSL name, in a stable order; null values are dropped by {@link StepOutput}. */
  Map<String, Object> asMap();
}
