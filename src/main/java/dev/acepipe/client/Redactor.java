package dev.acepipe.client;

/**
 * Removes the API key from any text that might reach a log or an exception message (a server may echo it back in
 * a {@code detail}, a proxy in an error page).
 */
final class Redactor {
  static final Redactor NONE = new Redactor(null);

  private final String secret;

  Redactor(String secret) {
    // Very short keys would redact ordinary words; they are still never logged by us.
    this.secret = secret == null || secret.length() < 4 ? null : secret;
  }

  String redact(String text) {
    if (text == null || secret == null) {
      return text;
    }
    return text.replace(secret, "***");
  }

  @Override
  public String toString() {
    return "Redactor[***]";
  }
}
