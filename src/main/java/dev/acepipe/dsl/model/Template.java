package dev.acepipe.dsl.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A scalar as written, parsed once into {@link Part}s: {@code "${vars.style}, big chorus"} is a {@link
 * Part.VarRef} followed by a {@link Part.Literal}. A scalar without {@code ${} is one literal.
 *
 * @param text the scalar as written (for messages)
 * @param parts never empty; adjacent literals are merged
 * @param location where the scalar starts
 */
public record Template(String text, List<Part> parts, SourceLocation location) {
  public Template {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(location, "location");
    parts = mergeLiterals(parts);
  }

  /** A template that is just {@code text}. */
  public static Template literal(String text, SourceLocation location) {
    return new Template(text, List.of(new Part.Literal(text)), location);
  }

  /** True when there is nothing left to resolve. */
  public boolean isConstant() {
    return parts.stream().allMatch(p -> p instanceof Part.Literal);
  }

  /** The text when {@link #isConstant()}, else empty. */
  public Optional<String> constant() {
    return isConstant() ? Optional.of(((Part.Literal) parts.get(0)).text()) : Optional.empty();
  }

  /** Every {@code ${steps...}} reference, in order of appearance. */
  public List<Part.StepFieldRef> stepRefs() {
    return parts.stream()
        .filter(Part.StepFieldRef.class::isInstance)
        .map(Part.StepFieldRef.class::cast)
        .toList();
  }

  /**
   * Replaces every non-literal part for which {@code resolver} answers a value with that value;
   * other parts stay. Returns a template with the same text and location.
   */
  public Template substitute(Function<Part, Optional<String>> resolver) {
    List<Part> out = new ArrayList<>(parts.size());
    for (Part p : parts) {
      if (p instanceof Part.Literal) {
        out.add(p);
      } else {
        out.add(resolver.apply(p).<Part>map(Part.Literal::new).orElse(p));
      }
    }
    return new Template(text, out, location);
  }

  /** Concatenates the parts, asking {@code resolver} for every non-literal one. */
  public String render(Function<Part, String> resolver) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      sb.append(p instanceof Part.Literal l ? l.text() : resolver.apply(p));
    }
    return sb.toString();
  }

  private static List<Part> mergeLiterals(List<Part> parts) {
    List<Part> out = new ArrayList<>(parts.size());
    for (Part p : parts) {
      Objects.requireNonNull(p, "part");
      if (p instanceof Part.Literal l
          && !out.isEmpty()
          && out.get(out.size() - 1) instanceof Part.Literal prev) {
        out.set(out.size() - 1, new Part.Literal(prev.text() + l.text()));
      } else {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      out.add(new Part.Literal(""));
    }
    return List.copyOf(out);
  }
}
