package dev.acepipe.dsl.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code params:} declaration: a typed input of the pipeline, set with {@code --set NAME=VALUE}
 * or {@code --params FILE.yaml} and read with {@code ${params.NAME}}.
 *
 * @param name the key under {@code params:}
 * @param type the declared type
 * @param values the allowed values of an {@link ParamType#ENUM}; empty for other types
 * @param defaultValue the canonical default (see {@link ParamType#canonical}), or null when the
 *     param must be given
 * @param description free text for people, or the empty string
 * @param location where the declaration is (the file may be an included one)
 * @param defaultLocation where the default is written, else {@code location}
 */
public record ParamSpec(
    String name,
    ParamType type,
    List<String> values,
    String defaultValue,
    String description,
    SourceLocation location,
    SourceLocation defaultLocation) {
  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    values = List.copyOf(values);
    description = description == null ? "" : description;
    defaultLocation = defaultLocation == null ? location : defaultLocation;
    if ((type == ParamType.ENUM) == values.isEmpty()) {
      throw new IllegalArgumentException(
          "param " + name + ": values are for enum params only, and required there");
    }
  }

  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultValue);
  }
}
