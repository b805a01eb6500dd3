package dev.acepipe.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code server:} block with its templates resolved. {@link #toString()} never shows the key.
 *
 * @param apiKey null when no key is configured (or it resolved to the empty string)
 */
public record PlannedServer(String url, String apiKey) {
  public PlannedServer {
    Objects.requireNonNull(url, "url");
    if (apiKey != null && apiKey.isEmpty()) {
      apiKey = null;
    }
  }

  public Optional<String> key() {
    return Optional.ofNullable(apiKey);
  }

  @Override
  public String toString() {
    return "PlannedServer[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
  }
}
