package dev.acepipe.dsl.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code server:} block: one server ({@code server: {url, api_key}}) or a pool ({@code server:}
 * as a list of entries). {@link #toString()} never shows a key.
 *
 * @param entries the servers in declaration order, at least one
 */
public record ServerSpec(List<Entry> entries) {
  public ServerSpec {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a server block has at least one server");
    }
  }

  /** One server with its key (or none) and the default traits. */
  public ServerSpec(Template url, Template apiKey) {
    this(List.of(new Entry(url, apiKey, Traits.DEFAULT)));
  }

  /** Every url and api_key template, in declaration order (what may read params, env and vars). */
  public List<Template> templates() {
    List<Template> out = new ArrayList<>();
    for (Entry e : entries) {
      out.add(e.url());
      if (e.apiKey() != null) {
        out.add(e.apiKey());
      }
    }
    return out;
  }

  /** Every api_key template, in declaration order. */
  public List<Template> apiKeys() {
    return entries.stream().map(Entry::apiKey).filter(Objects::nonNull).toList();
  }

  @Override
  public String toString() {
    return "ServerSpec" + entries;
  }

  /**
   * One server of the block. Both templates are usually {@code ${env...}}.
   *
   * @param apiKey null when no key is configured
   */
  public record Entry(Template url, Template apiKey, Traits traits) {
    public Entry {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(traits, "traits");
    }

    @Override
    public String toString() {
      return "Entry[url="
          + url.text()
          + ", apiKey="
          + (apiKey == null ? "none" : "***")
          + ", "
          + traits
          + "]";
    }
  }

  /**
   * What a pool entry declares besides where the server is: the literal settings of {@code
   * pool.PoolServer}, which the run builds from them.
   *
   * @param name how the progress, summaries, manifest and report name it; null = not named (the run
   *     names it {@code gpu-N} by position)
   * @param maxParallel jobs kept in flight on it at once, at least 1
   * @param weight relative speed before anything is measured, greater than 0
   * @param models the DiT models it has; empty = any
   * @param taskTypes the task types it runs; empty = any
   * @param adapters the LoRA adapters loaded at start
   */
  public record Traits(
      String name,
      int maxParallel,
      double weight,
      List<String> models,
      List<String> taskTypes,
      List<String> adapters) {
    public static final Traits DEFAULT = new Traits(null, 1, 1.0, List.of(), List.of(), List.of());

    public Traits {
      if (maxParallel < 1) {
        throw new IllegalArgumentException("maxParallel must be >= 1, got " + maxParallel);
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weight must be a finite number > 0, got " + weight);
      }
      models = List.copyOf(models);
      taskTypes = List.copyOf(taskTypes);
      adapters = List.copyOf(adapters);
    }
  }
}
