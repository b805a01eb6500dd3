package dev.acepipe.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fault injection settings for the embedded server. Every probability is in {@code [0, 1]}; draws
 * come from one {@link java.util.Random} seeded with {@link #seed}, so a sequential test sees the
 * same faults every run.
 *
 * @param seed seed of the fault draws
 * @param http500 probability that a request (except {@code /health}) answers plain-text 500
 * @param http429 probability that {@code /release_task} answers 429 "Server busy: queue is full"
 * @param drop probability that a request (except {@code /health}) has its connection closed without
 *     a response
 * @param fail probability that a job fails (status 2)
 * @param slow probability that a job takes {@link #slowSeconds} longer
 * @param slowSeconds extra latency of a slow job
 * @param silentJobs the first this many jobs render takes of digital silence (for testing take
 *     checks)
 * @param clippedJobs the next this many jobs render takes driven hard into clipping
 */
public record FaultConfig(
    long seed,
    double http500,
    double http429,
    double drop,
    double fail,
    double slow,
    double slowSeconds,
    int silentJobs,
    int clippedJobs) {

  /** No faults at all. */
  public static final FaultConfig NONE = new FaultConfig(0, 0, 0, 0, 0, 0, 0, 0, 0);

  public FaultConfig {
    if (silentJobs < 0 || clippedJobs < 0) {
      throw new IllegalArgumentException("faults 'silent-jobs' and 'clipped-jobs' must be >= 0");
    }
    check("http500", http500);
    check("http429", http429);
    check("drop", drop);
    check("fail", fail);
    check("slow", slow);
    if (!(slowSeconds >= 0) || Double.isInfinite(slowSeconds)) {
      throw new IllegalArgumentException(
          "fault 'slow-seconds' must be a finite number >= 0, got " + slowSeconds);
    }
  }

  /** True when no fault can ever fire. */
  public boolean none() {
    return http500 == 0
        && http429 == 0
        && drop == 0
        && fail == 0
        && slow == 0
        && silentJobs == 0
        && clippedJobs == 0;
  }

  /**
   * Parses a spec such as {@code
   * "http500=0.1,http429=0.05,drop=0.02,fail=0.1,slow=0.2,slow-seconds=5,seed=7"}; {@code
   * silent-jobs=N} and {@code clipped-jobs=N} make the first N jobs render silent or clipped takes.
   * Keys may appear in any order; absent keys are 0 (seed 0, slow-seconds 5). An empty spec means
   * no faults.
   *
   * @throws IllegalArgumentException naming the offending entry
   */
  public static FaultConfig parse(String spec) {
    Map<String, Double> values = new LinkedHashMap<>();
    long seed = 0;
    for (String raw : spec.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("fault entry '" + entry + "' is not key=value");
      }
      String key = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = entry.substring(eq + 1).strip();
      try {
        if (key.equals("seed")) {
          seed = Long.parseLong(value);
          continue;
        }
        if (!KEYS.contains(key)) {
          throw new IllegalArgumentException(
              "unknown fault '" + key + "' (known: seed, " + String.join(", ", KEYS) + ")");
        }
        values.put(key, Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "fault '" + key + "' needs a number, got '" + value + "'");
      }
    }
    return new FaultConfig(
        seed,
        values.getOrDefault("http500", 0.0),
        values.getOrDefault("http429", 0.0),
        values.getOrDefault("drop", 0.0),
        values.getOrDefault("fail", 0.0),
        values.getOrDefault("slow", 0.0),
        values.getOrDefault("slow-seconds", 5.0),
        count(values, "silent-jobs"),
        count(values, "clipped-jobs"));
  }

  private static final java.util.List<String> KEYS =
      java.util.List.of(
          "http500",
          "http429",
          "drop",
          "fail",
          "slow",
          "slow-seconds",
          "silent-jobs",
          "clipped-jobs");

  private static int count(Map<String, Double> values, String key) {
    double v = values.getOrDefault(key, 0.0);
    if (!(v >= 0 && v <= 1_000_000) || v != Math.rint(v)) {
      throw new IllegalArgumentException(
          "fault '" + key + "' must be a whole number of jobs, got " + v);
    }
    return (int) v;
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "fault '" + name + "' must be a probability in [0, 1], got " + p);
    }
  }
}
