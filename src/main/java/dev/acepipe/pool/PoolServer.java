package dev.acepipe.pool;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One server of a pool, as declared ({@code server:} list entry, {@code --server}, or one URL of a
 * comma-separated {@code ACESTEP_URL}) and refined by what its profile found.
 *
 * @param name how reports, the manifest and errors name the server; unique in a pool
 * @param url the base URL
 * @param apiKey its key; never printed
 * @param maxParallel jobs acepipe keeps in flight on it at once (its bulkhead), at least 1
 * @param weight relative speed before anything is measured: a server of weight 2 is assumed to
 *     finish a job in half the pool's default time until {@code /v1/stats} or a finished job says
 *     otherwise; greater than 0
 * @param models the DiT models it has; empty = not declared, any model is accepted
 * @param taskTypes the task types it runs ({@code text2music}, {@code repaint}, {@code lego} ...);
 *     empty = not declared, any task type is accepted
 * @param adapters the LoRA adapters loaded at start; the router prefers a server whose loaded set
 *     is already a job's set
 * @param acceptsUploads whether it takes multipart source audio (newer servers); a server that does
 *     not can only run a source job whose source audio is already on it
 */
public record PoolServer(
    String name,
    String url,
    Secret apiKey,
    int maxParallel,
    double weight,
    Set<String> models,
    Set<String> taskTypes,
    Set<String> adapters,
    boolean acceptsUploads) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public PoolServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "server name '"
              + name
              + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    if (url.isBlank()) {
      throw new IllegalArgumentException("server '" + name + "' has an empty url");
    }
    if (maxParallel < 1) {
      throw new IllegalArgumentException(
          "server '" + name + "': max_parallel must be >= 1, got " + maxParallel);
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "server '" + name + "': weight must be a finite number > 0, got " + weight);
    }
    models = Set.copyOf(models);
    taskTypes = Set.copyOf(taskTypes);
    adapters = Set.copyOf(adapters);
  }

  /** A server with one slot, weight 1, no declared labels, accepting uploads. */
  public static PoolServer of(String name, String url, Secret apiKey) {
    return new PoolServer(name, url, apiKey, 1, 1.0, Set.of(), Set.of(), Set.of(), true);
  }

  public PoolServer withMaxParallel(int maxParallel) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  public PoolServer withWeight(double weight) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  public PoolServer withModels(Set<String> models) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  public PoolServer withTaskTypes(Set<String> taskTypes) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  public PoolServer withAdapters(Set<String> adapters) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  public PoolServer withAcceptsUploads(boolean acceptsUploads) {
    return new PoolServer(
        name, url, apiKey, maxParallel, weight, models, taskTypes, adapters, acceptsUploads);
  }

  /** Why this server cannot run {@code job}, or {@code null} when it can. */
  String unfitFor(PoolJob job) {
    if (!models.isEmpty() && !models.contains(job.model())) {
      return "no model " + job.model();
    }
    if (!taskTypes.isEmpty() && !taskTypes.contains(job.taskType())) {
      return "no task type " + job.taskType();
    }
    if (job.source() instanceof Source.OnServer on
        && !on.server().equals(name)
        && !acceptsUploads) {
      return "source audio is on " + on.server() + " and this server takes no uploads";
    }
    if (job.source() instanceof Source.Local && !acceptsUploads) {
      return "source audio is local only and this server takes no uploads";
    }
    return null;
  }
}
