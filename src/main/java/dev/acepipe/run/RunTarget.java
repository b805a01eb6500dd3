package dev.acepipe.run;

import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedServer;
import java.util.Map;

/**
 * Which server {@code engine run} renders on, and the line that says so. The URL comes from {@code
 * --server}, else {@code $ACESTEP_URL} (as for {@code health}, {@code models} and {@code stats}),
 * else the pipeline's {@code server.url}; with none of them the run uses the embedded synthesizer.
 * The key is the one given on the command line ({@code --api-key} or {@code --api-key-file}), else
 * the key that belongs to where the URL came from: the pipeline's {@code server.api_key} (then
 * {@code $ACESTEP_API_KEY}) for the pipeline's URL, {@code $ACESTEP_API_KEY} otherwise. A
 * pipeline's key is never sent to a server the pipeline did not name.
 *
 * @param url the server's base URL, or null for the embedded synthesizer
 * @param key the API key, or null
 */
public record RunTarget(String url, String key) {
  public static final String URL_ENV = "ACESTEP_URL";
  public static final String KEY_ENV = "ACESTEP_API_KEY";

  /** What the first line of a run names when no server is configured. */
  public static final String EMBEDDED = "embedded synthesizer (procedural, not AI)";

  /**
   * @param urlFlag {@code --server}, or null
   * @param givenKey the key given on the command line (already read from its file), or null
   * @param env the environment ({@code ACESTEP_URL}, {@code ACESTEP_API_KEY})
   */
  public static RunTarget of(String urlFlag, String givenKey, Map<String, String> env, Plan plan) {
    String pipelineUrl = plan.server().map(PlannedServer::url).orElse(null);
    String url = firstSet(urlFlag, env.get(URL_ENV), pipelineUrl);
    boolean pipelineServer = firstSet(urlFlag, env.get(URL_ENV)) == null && url != null;
    String pipelineKey =
        pipelineServer ? plan.server().flatMap(PlannedServer::key).orElse(null) : null;
    String key = firstSet(givenKey, pipelineKey, env.get(KEY_ENV));
    return new RunTarget(url, key);
  }

  /**
   * The servers {@link #url()} names: one, or a pool when it holds several comma-separated URLs
   * ({@code --server} repeated, or {@code ACESTEP_URL=http://gpu1:8001,http://gpu2:8001}); each is
   * named {@code gpu-1}, {@code gpu-2} ... in order, and the key goes to each.
   *
   * @throws RunException a URL given twice (usage error)
   */
  public java.util.List<dev.acepipe.pool.PoolServer> pool() throws RunException {
    java.util.List<dev.acepipe.pool.PoolServer> out = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    if (url == null) {
      return out;
    }
    for (String part : url.split(",")) {
      String u = part.strip();
      if (u.isEmpty()) {
        continue;
      }
      if (!seen.add(u.replaceAll("/+$", ""))) {
        throw new RunException(
            RunException.Reason.USAGE, "server " + u + " is given twice; give each server once");
      }
      out.add(
          dev.acepipe.pool.PoolServer.of(
              "gpu-" + (out.size() + 1), u, dev.acepipe.pool.Secret.of(key)));
    }
    return out;
  }

  /**
   * The servers to render on, {@code first} (the client of {@link #config()}, or the embedded
   * server's) first; a pool of several is named on {@code err}. The caller closes every client
   * after the first.
   */
  public java.util.List<dev.acepipe.exec.PoolMember> members(
      dev.acepipe.client.AceStepClient first, java.io.PrintWriter err) throws RunException {
    java.util.List<dev.acepipe.pool.PoolServer> pool = pool();
    java.util.List<dev.acepipe.exec.PoolMember> members = new java.util.ArrayList<>();
    if (pool.size() < 2) {
      members.add(
          new dev.acepipe.exec.PoolMember(
              dev.acepipe.pool.PoolServer.of(
                  "server", first.baseUrl(), dev.acepipe.pool.Secret.of(key)),
              first));
      return members;
    }
    for (int i = 0; i < pool.size(); i++) {
      members.add(
          new dev.acepipe.exec.PoolMember(
              pool.get(i),
              i == 0
                  ? first
                  : new dev.acepipe.client.OkHttpAceStepClient(config(pool.get(i).url()))));
    }
    err.println(
        "pool of "
            + pool.size()
            + " servers: "
            + String.join(", ", pool.stream().map(p -> p.name() + "=" + p.url()).toList()));
    err.flush();
    return members;
  }

  /**
   * The client configuration of server {@code u} with the key; a malformed URL is a usage error.
   */
  public dev.acepipe.client.ClientConfig config(String u) throws RunException {
    try {
      return dev.acepipe.client.ClientConfig.custom(u).apiKey(key).build();
    } catch (IllegalArgumentException e) {
      throw new RunException(RunException.Reason.USAGE, "server url " + u + ": " + e.getMessage());
    }
  }

  /**
   * The client configuration of {@link #url()} (not null) with the key; a malformed URL is a usage
   * error.
   */
  public dev.acepipe.client.ClientConfig config() throws RunException {
    // A pool's first server is the one the run's first line, the journal and the store name.
    String first = url.split(",")[0].strip();
    try {
      return dev.acepipe.client.ClientConfig.custom(first).apiKey(key).build();
    } catch (IllegalArgumentException e) {
      throw new RunException(RunException.Reason.USAGE, "server url: " + e.getMessage());
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
