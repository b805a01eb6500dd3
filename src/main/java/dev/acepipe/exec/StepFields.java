package dev.acepipe.exec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named values a finished step offers to {@code ${steps.ID.FIELD}}, the manifest and the
 * lockfile, typed by the kind that produced them: a record, whose components are the fields in
 * their order ({@link #of}).
 */
public interface StepFields {

  /** The fields by DSL name, in a stable order; null values are dropped by {@link StepOutput}. */
  default Map<String, Object> asMap() {
    return of((Record) this);
  }

  /**
   * The components of {@code fields} by DSL name, in declaration order: a component's name in
   * snake_case ({@code timeSignature} is {@code time_signature}), except the server's {@code
   * keyScale}, which the DSL calls {@code key}; a path is given as its text.
   *
   * <p>So a server's answer record ({@code /format_input}, {@code /create_random_sample}) is its
   * step's fields as it stands, and a field is named once, where it is declared.
   */
  static Map<String, Object> of(Record fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : fields.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(fields);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read field " + c.getName() + " of " + fields, e);
      }
      m.put(dslName(c.getName()), value instanceof Path p ? p.toString() : value);
    }
    return m;
  }

  private static String dslName(String component) {
    if (component.equals("keyScale")) {
      return "key";
    }
    StringBuilder b = new StringBuilder(component.length() + 4);
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
