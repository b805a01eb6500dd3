package dev.acepipe.plan;

import dev.acepipe.dsl.model.ServerSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code server:} block with its templates resolved: one server, or a pool's entries in
 * declaration order. {@link #toString()} never shows a key.
 *
 * @param entries at least one
 */
public record PlannedServer(List<Entry> entries) {
  public PlannedServer {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a planned server block has at least one server");
    }
  }

  /** One server with the default traits. */
  public PlannedServer(String url, String apiKey) {
    this(List.of(new Entry(url, apiKey, ServerSpec.Traits.DEFAULT)));
  }

  /** The first server's URL: the one a pool's first line, journal and store name. */
  public String url() {
    return entries.get(0).url();
  }

  /** The first server's key. */
  public Optional<String> key() {
    return entries.get(0).key();
  }

  /** Every key of the block (each as secret as the others). */
  public List<String> keys() {
    return entries.stream().flatMap(e -> e.key().stream()).toList();
  }

  @Override
  public String toString() {
    return "PlannedServer" + entries;
  }

  /**
   * One resolved server.
   *
   * @param apiKey null when no key is configured (or it resolved to the empty string)
   * @param traits name, max_parallel, weight and labels as declared
   */
  public record Entry(String url, String apiKey, ServerSpec.Traits traits) {
    public Entry {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(traits, "traits");
      if (apiKey != null && apiKey.isEmpty()) {
        apiKey = null;
      }
    }

    public Optional<String> key() {
      return Optional.ofNullable(apiKey);
    }

    @Override
    public String toString() {
      return "Entry[url="
          + url
          + ", apiKey="
          + (apiKey == null ? "none" : "***")
          + ", name="
          + traits.name()
          + "]";
    }
  }
}
