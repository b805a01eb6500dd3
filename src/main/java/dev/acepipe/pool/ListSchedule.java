package dev.acepipe.pool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ideal a pool's makespan is measured against: list scheduling with critical-path priority on
 * servers of given speeds, with zero overhead (no polling, no transfer, no submission latency).
 * Among the jobs whose dependencies are all placed, the one with the longest path to the end of the
 * graph (its own time included) goes first; it goes to the server where it would finish earliest (a
 * server runs one job at a time and a job starts when its server is free and its inputs are done).
 * Ties go to declaration order and the lower server index, so the answer is deterministic.
 *
 * <p>This is the denominator of the pool benchmark's {@code N.NNN x ideal}: not a proven optimum
 * (that is NP-hard), but the schedule a good online router can match.
 */
public final class ListSchedule {
  /**
   * A job of the graph.
   *
   * @param id unique
   * @param needs the ids of the jobs it waits for
   * @param seconds its time on a server of speed 1; > 0
   */
  public record Job(String id, List<String> needs, double seconds) {
    public Job {
      Objects.requireNonNull(id, "id");
      needs = List.copyOf(needs);
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException(
            "job " + id + ": seconds must be a finite number > 0, got " + seconds);
      }
    }
  }

  /**
   * Where and when a job runs in the schedule.
   *
   * @param server the index into the speeds
   */
  public record Placement(int server, double start, double end) {}

  /**
   * A whole schedule.
   *
   * @param makespan when the last job ends
   * @param placements by job id, in the order they were placed
   */
  public record Result(double makespan, Map<String, Placement> placements) {
    public Result {
      placements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placements));
    }
  }

  private ListSchedule() {}

  /**
   * Schedules {@code jobs} on servers whose speeds are {@code speeds} (a server of speed 0.5 takes
   * twice as long; each > 0).
   *
   * @throws IllegalArgumentException on duplicate ids, a need naming no job, a cycle, or a bad
   *     speed
   */
  public static Result of(List<Job> jobs, List<Double> speeds) {
    if (speeds.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one server");
    }
    for (double s : speeds) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("server speeds must be finite numbers > 0, got " + s);
      }
    }
    Map<String, Job> byId = new LinkedHashMap<>();
    for (Job j : jobs) {
      if (byId.put(j.id(), j) != null) {
        throw new IllegalArgumentException("job id " + j.id() + " is used twice");
      }
    }
    Map<String, List<String>> successors = new HashMap<>();
    for (Job j : jobs) {
      for (String n : j.needs()) {
        if (!byId.containsKey(n)) {
          throw new IllegalArgumentException("job " + j.id() + " needs " + n + ", which is no job");
        }
        successors.computeIfAbsent(n, k -> new ArrayList<>()).add(j.id());
      }
    }
    Map<String, Double> rank = new HashMap<>();
    for (Job j : jobs) {
      rank(j.id(), byId, successors, rank, new ArrayList<>());
    }

    double[] free = new double[speeds.size()];
    Map<String, Placement> placed = new LinkedHashMap<>();
    double makespan = 0;
    while (placed.size() < jobs.size()) {
      Job next = null;
      for (Job j : jobs) {
        if (placed.containsKey(j.id()) || !placed.keySet().containsAll(j.needs())) {
          continue;
        }
        if (next == null || rank.get(j.id()) > rank.get(next.id()) + 1e-12) {
          next = j;
        }
      }
      double ready = 0;
      for (String n : next.needs()) {
        ready = Math.max(ready, placed.get(n).end());
      }
      int bestServer = 0;
      double bestStart = 0;
      double bestEnd = Double.POSITIVE_INFINITY;
      for (int s = 0; s < free.length; s++) {
        double start = Math.max(free[s], ready);
        double end = start + next.seconds() / speeds.get(s);
        if (end < bestEnd - 1e-12) {
          bestServer = s;
          bestStart = start;
          bestEnd = end;
        }
      }
      free[bestServer] = bestEnd;
      placed.put(next.id(), new Placement(bestServer, bestStart, bestEnd));
      makespan = Math.max(makespan, bestEnd);
    }
    return new Result(makespan, placed);
  }

  /** Longest path from {@code id} to the end of the graph, its own time included. */
  private static double rank(
      String id,
      Map<String, Job> byId,
      Map<String, List<String>> successors,
      Map<String, Double> memo,
      List<String> path) {
    Double known = memo.get(id);
    if (known != null) {
      return known;
    }
    if (path.contains(id)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      throw new IllegalArgumentException("the jobs form a cycle: " + String.join(" -> ", cycle));
    }
    path.add(id);
    double after = 0;
    for (String s : successors.getOrDefault(id, List.of())) {
      after = Math.max(after, rank(s, byId, successors, memo, path));
    }
    path.remove(path.size() - 1);
    double r = byId.get(id).seconds() + after;
    memo.put(id, r);
    return r;
  }
}
