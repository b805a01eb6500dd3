package dev.acepipe.dsl;

import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} language, parsed once into {@link Part}s.
 *
 * <pre>
 *   ${vars.NAME}  ${env.NAME}  ${env.NAME:-default}  ${params.NAME}  ${params.NAME:-default}
 *   ${matrix.NAME}  ${steps.ID.FIELD}
 * </pre>
 *
 * {@code $${} writes a literal {@code ${}. A {@code $} not followed by {@code {} is plain text. Each
 * place in a pipeline allows only some scopes (see {@link Scope}).
 */
public final class Expressions {
  /** The scopes of {@code ${scope.name}}. */
  public enum Scope {
    VARS,
    ENV,
    PARAMS,
    MATRIX,
    STEPS;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Everything: step fields. */
  public static final Set<Scope> STEP_SCOPES = EnumSet.allOf(Scope.class);

  /** {@code vars:} values may read the environment and params, not other vars or steps. */
  public static final Set<Scope> VAR_SCOPES = EnumSet.of(Scope.ENV, Scope.PARAMS);

  /** {@code server:} values. */
  public static final Set<Scope> SERVER_SCOPES = EnumSet.of(Scope.ENV, Scope.PARAMS, Scope.VARS);

  /** Names of vars, params, matrix keys. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** Environment variable names. */
  public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Step ids. */
  public static final Pattern STEP_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private Expressions() {}

  /** True when {@code text} contains something that would be parsed as a reference. */
  public static boolean hasReference(String text) {
    return text.contains("${");
  }

  /**
   * Parses {@code text}.
   *
   * @param allowed the scopes this place accepts; others are an error
   * @throws ExpressionException on the first malformed or disallowed reference
   */
  public static Template parse(String text, SourceLocation location, Set<Scope> allowed)
      throws ExpressionException {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        literal.append("${");
        i += 3;
        continue;
      }
      if (c == '$' && text.startsWith("${", i)) {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new ExpressionException(
              "unterminated '${' in '" + text.strip() + "'",
              i,
              "close it with '}' or write '$${' for a literal '${'");
        }
        if (literal.length() > 0) {
          parts.add(new Part.Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(reference(text.substring(i + 2, close), i, allowed));
        i = close + 1;
        continue;
      }
      literal.append(c);
      i++;
    }
    if (literal.length() > 0 || parts.isEmpty()) {
      parts.add(new Part.Literal(literal.toString()));
    }
    return new Template(text, parts, location);
  }

  private static Part reference(String body, int offset, Set<Scope> allowed)
      throws ExpressionException {
    int dot = body.indexOf('.');
    String scopeName = dot < 0 ? body.strip() : body.substring(0, dot);
    Optional<Scope> scope = scopeOf(scopeName);
    if (scope.isEmpty()) {
      String hint =
          Suggest.didYouMean(scopeName, List.of("vars", "env", "params", "matrix", "steps"))
              .orElse("scopes are vars, env, params, matrix and steps");
      throw new ExpressionException("unknown scope in '${" + body + "}'", offset, hint);
    }
    if (!allowed.contains(scope.get())) {
      throw new ExpressionException(
          "'${" + scopeName + ".…}' cannot be used here",
          offset,
          "allowed here: " + names(allowed));
    }
    String rest = dot < 0 ? "" : body.substring(dot + 1);
    switch (scope.get()) {
      case VARS:
        return new Part.VarRef(name(rest, NAME, body, offset));
      case PARAMS:
        return given(rest, NAME, body, offset, Part.ParamRef::new);
      case MATRIX:
        return new Part.MatrixRef(name(rest, NAME, body, offset));
      case ENV:
        return given(rest, ENV_NAME, body, offset, Part.EnvRef::new);
      case STEPS:
        int fieldDot = rest.lastIndexOf('.');
        if (fieldDot < 0) {
          throw new ExpressionException(
              "'${" + body + "}' names no output field",
              offset,
              "write ${steps.ID.FIELD} with FIELD one of "
                  + String.join(", ", OutputField.yamlNames()));
        }
        String id = name(rest.substring(0, fieldDot), STEP_ID, body, offset);
        String fieldName = rest.substring(fieldDot + 1);
        OutputField field =
            OutputField.fromYaml(fieldName)
                .orElseThrow(
                    () ->
                        new ExpressionException(
                            "unknown output field '" + fieldName + "' in '${" + body + "}'",
                            offset,
                            Suggest.didYouMean(fieldName, OutputField.yamlNames())
                                .orElse(
                                    "fields are " + String.join(", ", OutputField.yamlNames()))));
        return new Part.StepFieldRef(id, field);
      default:
        throw new AssertionError(scope);
    }
  }

  /** {@code NAME} or {@code NAME:-fallback} after the scope, made into its reference. */
  private static Part given(
      String rest,
      Pattern namePattern,
      String body,
      int offset,
      BiFunction<String, String, Part.GivenRef> reference)
      throws ExpressionException {
    int sep = rest.indexOf(":-");
    if (sep < 0) {
      return reference.apply(name(rest, namePattern, body, offset), null);
    }
    return reference.apply(
        name(rest.substring(0, sep), namePattern, body, offset),
        fallback(rest.substring(sep + 2), body, offset));
  }

  /** A default is plain text: a reference inside one would otherwise be sent literally. */
  private static String fallback(String text, String body, int offset) throws ExpressionException {
    if (text.contains("${")) {
      throw new ExpressionException(
          "a default cannot hold another reference: '${" + body + "}…'",
          offset,
          "declare the param with a default under params:, or give a plain default such as ${params.a:-x}");
    }
    return text;
  }

  private static String name(String text, Pattern pattern, String body, int offset)
      throws ExpressionException {
    if (!pattern.matcher(text).matches()) {
      throw new ExpressionException(
          "malformed reference '${" + body + "}'",
          offset,
          text.isEmpty() ? "a name is missing after the '.'" : "");
    }
    return text;
  }

  private static Optional<Scope> scopeOf(String name) {
    for (Scope s : Scope.values()) {
      if (s.yamlName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static String names(Set<Scope> scopes) {
    return String.join(", ", scopes.stream().map(Scope::yamlName).toList());
  }
}
