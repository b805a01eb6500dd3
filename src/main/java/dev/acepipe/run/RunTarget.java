package dev.acepipe.run;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.exec.PoolMember;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedServer;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which server {@code engine run} renders on, and the line that says so. The URL comes from {@code
 * --server}, else {@code $ACESTEP_URL} (as for {@code health}, {@code models} and {@code stats}),
 * else the pipeline's {@code server:} block; with none of them the run uses the embedded
 * synthesizer. The key is the one given on the command line ({@code --api-key} or {@code
 * --api-key-file}), else the key that belongs to where the URL came from: the pipeline's {@code
 * api_key} of that server (then {@code $ACESTEP_API_KEY}) for the pipeline's servers, {@code
 * $ACESTEP_API_KEY} otherwise. A pipeline's key is never sent to a server the pipeline did not
 * name.
 *
 * @param url the (first) server's base URL, or several comma-separated from the command line or the
 *     environment, or null for the embedded synthesizer
 * @param key the API key of the first server, or null
 * @param declared the pipeline's {@code server:} list when the run renders on it (each entry with
 *     its own name, key, {@code max_parallel}, weight and labels); empty otherwise
 */
public record RunTarget(String url, String key, List<PoolServer> declared) {
  public static final String URL_ENV = "ACESTEP_URL";
  public static final String KEY_ENV = "ACESTEP_API_KEY";

  /** What the first line of a run names when no server is configured. */
  public static final String EMBEDDED = "embedded synthesizer (procedural, not AI)";

  public RunTarget {
    declared = List.copyOf(declared);
  }

  /** A target from the command line or the environment (no declared pool). */
  public RunTarget(String url, String key) {
    this(url, key, List.of());
  }

  /**
   * @param urlFlag {@code --server}, or null
   * @param givenKey the key given on the command line (already read from its file), or null
   * @param env the environment ({@code ACESTEP_URL}, {@code ACESTEP_API_KEY})
   */
  public static RunTarget of(String urlFlag, String givenKey, Map<String, String> env, Plan plan) {
    String shellUrl = firstSet(urlFlag, env.get(URL_ENV));
    if (shellUrl != null || plan.server().isEmpty()) {
      return new RunTarget(shellUrl, firstSet(givenKey, env.get(KEY_ENV)));
    }
    List<PlannedServer.Entry> entries = plan.server().get().entries();
    List<PoolServer> declared = new ArrayList<>();
    for (PlannedServer.Entry e : entries) {
      String key = firstSet(givenKey, e.apiKey(), env.get(KEY_ENV));
      var t = e.traits();
      declared.add(
          new PoolServer(
              t.name() == null ? "server" : t.name(),
              e.url(),
              Secret.of(key),
              t.maxParallel(),
              t.weight(),
              Set.copyOf(t.models()),
              Set.copyOf(t.taskTypes()),
              Set.copyOf(t.adapters()),
              true));
    }
    PoolServer first = declared.get(0);
    String url = first.url().isBlank() ? null : first.url();
    return new RunTarget(url, first.apiKey().reveal().orElse(null), declared);
  }

  /**
   * The servers to render on: the pipeline's declared list, or the servers {@link #url()} names:
   * one, or a pool when it holds several comma-separated URLs ({@code --server} repeated, or {@code
   * ACESTEP_URL=http://gpu1:8001,http://gpu2:8001}); each of those is named {@code gpu-1}, {@code
   * gpu-2} ... in order, and the key goes to each.
   *
   * @throws RunException a URL given twice (usage error)
   */
  public List<PoolServer> pool() throws RunException {
    List<PoolServer> out = new ArrayList<>();
    if (!declared.isEmpty()) {
      out.addAll(declared);
    } else if (url != null) {
      for (String part : url.split(",")) {
        String u = part.strip();
        if (!u.isEmpty()) {
          out.add(PoolServer.of("gpu-" + (out.size() + 1), u, Secret.of(key)));
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (PoolServer s : out) {
      if (!seen.add(s.url().replaceAll("/+$", ""))) {
        throw new RunException(
            RunException.Reason.USAGE,
            "server " + s.url() + " is given twice; give each server once");
      }
    }
    return out;
  }

  /**
   * How a pool names its servers: by base URL (as takes record them), in declaration order; empty
   * for one server.
   *
   * @throws RunException as {@link #pool()}, or a malformed URL (usage errors)
   */
  public Map<String, String> names() throws RunException {
    List<PoolServer> pool = pool();
    Map<String, String> names = new java.util.LinkedHashMap<>();
    if (pool.size() > 1) {
      for (PoolServer p : pool) {
        names.put(config(p).baseUrl(), p.name());
      }
    }
    return names;
  }

  /**
   * The servers to render on, {@code first} (the client of {@link #config()}, or the embedded
   * server's) first; a pool of several is named on {@code err}. The caller closes every client
   * after the first.
   */
  public List<PoolMember> members(AceStepClient first, PrintWriter err) throws RunException {
    List<PoolServer> pool = pool();
    List<PoolMember> members = new ArrayList<>();
    if (pool.size() < 2) {
      PoolServer only =
          pool.isEmpty() || declared.isEmpty()
              ? PoolServer.of("server", first.baseUrl(), Secret.of(key))
              : pool.get(0);
      members.add(new PoolMember(only, first));
      return members;
    }
    for (int i = 0; i < pool.size(); i++) {
      members.add(
          new PoolMember(
              pool.get(i), i == 0 ? first : new OkHttpAceStepClient(config(pool.get(i)))));
    }
    err.println(
        "pool of "
            + pool.size()
            + " servers: "
            + String.join(", ", pool.stream().map(p -> p.name() + "=" + p.url()).toList()));
    err.flush();
    return members;
  }

  /** The client configuration of {@code server} with its key; a malformed URL is a usage error. */
  public static ClientConfig config(PoolServer server) throws RunException {
    return config(
        server.url(), server.apiKey().reveal().orElse(null), "server url " + server.url());
  }

  /**
   * The client configuration of {@link #url()} (not null) with the key; a malformed URL is a usage
   * error.
   */
  public ClientConfig config() throws RunException {
    // A pool's first server is the one the run's first line, the journal and the store name.
    return config(url.split(",")[0].strip(), key, "server url");
  }

  private static ClientConfig config(String url, String key, String what) throws RunException {
    Objects.requireNonNull(url, "url");
    try {
      return ClientConfig.custom(url).apiKey(key).build();
    } catch (ClientConfig.InvalidUrlException e) {
      throw new RunException(RunException.Reason.USAGE, what + ": " + e.getMessage());
    }
  }

  /** {@code rendering on http://gpu:8001 (server version 1.5.2)}; the key is never part of it. */
  public static String line(String baseUrl, String version) {
    return "rendering on " + (baseUrl == null ? "the " : "") + describe(baseUrl, version);
  }

  /** The server's URL and version, or the embedded synthesizer ({@code baseUrl} null). */
  public static String describe(String baseUrl, String version) {
    if (baseUrl == null) {
      return EMBEDDED;
    }
    return baseUrl
        + (version == null || version.isBlank() ? "" : " (server version " + version + ")");
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
