package dev.acepipe.dsl.model;

import java.util.Objects;

/**
 * The {@code server:} block: where the ACE-Step server is and the key to use. Both are templates,
 * usually {@code ${env...}}. {@link #toString()} never shows the key.
 *
 * @param apiKey null when no key is configured
 */
public record ServerSpec(Template url, Template apiKey) {
  public ServerSpec {
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return "ServerSpec[url=" + url.text() + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
