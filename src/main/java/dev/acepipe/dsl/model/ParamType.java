package dev.acepipe.dsl.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The type of a declared parameter ({@code params: {X: {type: ...}}}). */
public enum ParamType {
  STRING,
  INT,
  NUMBER,
  BOOL,
  /** One of the declared {@code values:}. */
  ENUM;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ParamType> fromYaml(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName().equals(name)).findFirst();
  }

  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(ParamType::yamlName).toList();
  }

  /**
   * The canonical text of {@code text} as this type ({@code 0120} → {@code 120}, {@code TRUE} →
   * {@code true}, {@code 1.50} → {@code 1.5}); empty when it is not of the type. For {@link #ENUM}
   * the text must be one of {@code allowed}.
   */
  public Optional<String> canonical(String text, List<String> allowed) {
    String t = text.strip();
    switch (this) {
      case STRING:
        return Optional.of(text);
      case ENUM:
        return allowed.contains(t) ? Optional.of(t) : Optional.empty();
      case BOOL:
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
          return Optional.of(t.toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
      case INT:
        try {
          return Optional.of(
              String.valueOf(Long.parseLong(t.startsWith("+") ? t.substring(1) : t)));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      case NUMBER:
        try {
          BigDecimal d = new BigDecimal(t);
          String plain = d.stripTrailingZeros().toPlainString();
          return Optional.of(plain);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      default:
        throw new AssertionError(this);
    }
  }

  /** The type in words, for messages ({@code a whole number}). */
  public String words() {
    return switch (this) {
      case STRING -> "text";
      case INT -> "a whole number";
      case NUMBER -> "a number";
      case BOOL -> "true or false";
      case ENUM -> "one of the declared values";
    };
  }
}
