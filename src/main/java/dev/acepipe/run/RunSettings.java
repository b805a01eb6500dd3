package dev.acepipe.run;

import java.time.Duration;
import java.util.List;

/**
 * What a caller asks of one run, as {@code engine run}'s options say it.
 *
 * @param server the server's URL given on the command line, or null (then {@code $ACESTEP_URL}, the
 *     pipeline's {@code server.url}, else the embedded synthesizer)
 * @param apiKey the API key given on the command line, or null
 * @param only steps to run with what they need; empty for all
 * @param maxParallel jobs in flight at once (at least 1)
 * @param failFast stop submitting after the first failed step
 * @param locked the recipe must match the lockfile; the lockfile is never rewritten
 * @param force render every step again
 * @param from render these steps and everything after them again
 * @param reroll draw new seeds for these steps
 * @param lostAfter how long a job may stay on one stage before it counts as lost (positive)
 */
public record RunSettings(
    String server,
    String apiKey,
    List<String> only,
    int maxParallel,
    boolean failFast,
    boolean locked,
    boolean force,
    List<String> from,
    List<String> reroll,
    Duration lostAfter) {
  public RunSettings {
    only = List.copyOf(only);
    from = List.copyOf(from);
    reroll = List.copyOf(reroll);
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1, got " + maxParallel);
    }
    if (lostAfter.isNegative() || lostAfter.isZero()) {
      throw new IllegalArgumentException("lostAfter must be positive, got " + lostAfter);
    }
  }

  /** Every step, on the configured server, four jobs at once, nothing forced. */
  public static RunSettings defaults() {
    return new RunSettings(
        null,
        null,
        List.of(),
        4,
        false,
        false,
        false,
        List.of(),
        List.of(),
        Duration.ofSeconds(60));
  }

  public RunSettings withServer(String url, String key) {
    return new RunSettings(
        url, key, only, maxParallel, failFast, locked, force, from, reroll, lostAfter);
  }

  public RunSettings withLocked(boolean value) {
    return new RunSettings(
        server, apiKey, only, maxParallel, failFast, value, force, from, reroll, lostAfter);
  }

  public RunSettings withOnly(List<String> steps) {
    return new RunSettings(
        server, apiKey, steps, maxParallel, failFast, locked, force, from, reroll, lostAfter);
  }
}
