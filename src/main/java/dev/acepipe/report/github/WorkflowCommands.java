package dev.acepipe.report.github;

import java.util.Map;

/**
 * Formats GitHub Actions workflow commands ({@code ::error
 * file=a.yaml,line=3,col=5,title=CODE::message}) with the escaping the runner expects: in the
 * message {@code %}, CR and LF are percent-encoded; in property values also {@code :} and {@code
 * ,}, which would otherwise end the value.
 */
public final class WorkflowCommands {
  private WorkflowCommands() {}

  /** {@code ::name k=v,...::message}; properties with empty values are left out, order is kept. */
  public static String command(String name, Map<String, String> properties, String message) {
    StringBuilder b = new StringBuilder("::").append(name);
    String sep = " ";
    for (Map.Entry<String, String> p : properties.entrySet()) {
      if (p.getValue() == null || p.getValue().isEmpty()) {
        continue;
      }
      b.append(sep).append(p.getKey()).append('=').append(escapeProperty(p.getValue()));
      sep = ",";
    }
    return b.append("::").append(escapeData(message)).toString();
  }

  /** Escapes a command's message. */
  public static String escapeData(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a property value. */
  public static String escapeProperty(String s) {
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
  }
}
