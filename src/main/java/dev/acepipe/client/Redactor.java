package dev.acepipe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.secret.Redaction;

/**
 * Removes the API key from everything the server says before it goes anywhere: answers (a server
 * may echo the key into a model name, a path, a version), error texts and log lines (a proxy may
 * quote the header).
 */
final class Redactor {
  static final Redactor NONE = new Redactor(null);

  private final Redaction redaction;

  Redactor(String secret) {
    this.redaction = Redaction.of(secret);
  }

  String redact(String text) {
    return redaction.apply(text);
  }

  /**
   * {@code node} with the key removed from every text value and field name, in place; returns it.
   */
  JsonNode redact(JsonNode node) {
    return redaction.applyInPlace(node);
  }

  @Override
  public String toString() {
    return "Redactor[***]";
  }
}
