package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.secret.Credentials;

/**
 * Redaction of secrets in what reports print, by the one definition in {@link Credentials}.
 * Adapters redact already; reports redact again so one forgotten field never reaches a CI artifact.
 */
public final class Secrets {
  /** What a redacted value reads as. */
  public static final String MASK = Credentials.MASK;

  private Secrets() {}

  /** True when a JSON key (or header name) holds a secret. */
  public static boolean isSecretKey(String key) {
    return Credentials.isCredentialName(key);
  }

  /**
   * A deep copy of {@code node} with every value under a secret-named key replaced by {@link
   * #MASK}.
   */
  public static JsonNode redact(JsonNode node) {
    return Credentials.masked(node);
  }

  /**
   * {@code text} with bearer tokens and {@code token=...} values masked (error causes may quote a
   * header).
   */
  public static String redactText(String text) {
    return Credentials.maskInText(text);
  }
}
