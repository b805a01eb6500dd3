package dev.acepipe.pool;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link Router} and its {@link Failover} over a graph of fixed-time jobs on simulated
 * servers, with simulated time: what the pool's scheduling decides, without HTTP, polling or
 * transfer. Ready jobs are offered in declaration (plan) order whenever something changes, as the
 * executor does; each server runs one job at a time at its speed. Optionally one server dies at a
 * given time: the job it was running is lost, which takes it down, and the router moves its jobs.
 *
 * <p>It measures the router against {@link ListSchedule}: a ratio near 1 means routing by expected
 * finish time loses little to the offline schedule. Deterministic.
 */
public final class Simulation {
  /**
   * A server of the simulation.
   *
   * @param speed 1 = the job times as given; 1/3 = three times slower
   */
  public record Server(String name, double speed) {}

  /** A server that dies at {@code atSeconds}. */
  public record Kill(String server, double atSeconds) {}

  /**
   * How the run went.
   *
   * @param makespan when the last job ended
   * @param submissions submissions made (moved jobs count twice)
   * @param serversOfJob every server each job was submitted to, in order
   * @param stranded jobs that could not finish (no server left, or a second loss)
   */
  public record Outcome(
      double makespan,
      int submissions,
      Map<String, List<String>> serversOfJob,
      List<String> stranded) {}

  private static final class SimClock extends Clock {
    long millis;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  private record Running(String server, double end) {}

  private Simulation() {}

  /**
   * Runs {@code jobs} on {@code servers}; the router starts knowing each server's true average (as
   * {@code /v1/stats} would tell it after a warm-up) when {@code warm}, else only the default.
   */
  public static Outcome run(
      List<ListSchedule.Job> jobs, List<Server> servers, Optional<Kill> kill, boolean warm) {
    SimClock clock = new SimClock();
    Failover failover = new Failover(FailoverConfig.DEFAULTS, clock);
    List<PoolServer> pool = new ArrayList<>();
    Map<String, Double> speed = new HashMap<>();
    double meanJob = jobs.stream().mapToDouble(ListSchedule.Job::seconds).average().orElse(1);
    for (Server s : servers) {
      pool.add(PoolServer.of(s.name(), "sim://" + s.name(), Secret.none()));
      speed.put(s.name(), s.speed());
    }
    Router router = new Router(pool, new RouterConfig(meanJob, 0.3, 0, 0), failover, clock);
    if (warm) {
      for (Server s : servers) {
        router.observedStats(s.name(), meanJob / s.speed());
      }
    }
    Map<String, ListSchedule.Job> byId = new LinkedHashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    Set<String> done = new HashSet<>();
    Map<String, Running> running = new LinkedHashMap<>();
    Map<String, List<String>> serversOfJob = new LinkedHashMap<>();
    List<String> stranded = new ArrayList<>();
    Set<String> dead = new HashSet<>();
    boolean killed = kill.isEmpty();
    int submissions = 0;
    double now = 0;
    double makespan = 0;
    while (done.size() + stranded.size() < jobs.size()) {
      for (ListSchedule.Job j : jobs) {
        if (done.contains(j.id())
            || running.containsKey(j.id())
            || stranded.contains(j.id())
            || !done.containsAll(j.needs())) {
          continue;
        }
        PoolJob job = PoolJob.generate(j.id(), "model", List.of());
        Route r = router.route(job);
        if (r instanceof Route.Assign a) {
          String s = a.server().name();
          router.dispatched(job, s);
          submissions++;
          serversOfJob.computeIfAbsent(j.id(), k -> new ArrayList<>()).add(s);
          running.put(j.id(), new Running(s, now + j.seconds() / speed.get(s)));
        } else if (r instanceof Route.NoServer) {
          stranded.add(j.id());
        }
      }
      double next = Double.POSITIVE_INFINITY;
      for (Running r : running.values()) {
        if (!dead.contains(r.server())) {
          next = Math.min(next, r.end());
        }
      }
      if (!killed && kill.get().atSeconds() <= next) {
        now = Math.max(now, kill.get().atSeconds());
        clock.millis = Math.round(now * 1000);
        String victim = kill.get().server();
        dead.add(victim);
        killed = true;
        // The executor finds the dead server's running job unknown (or its breaker stays open).
        failover.jobLost(victim);
        for (Move m : router.evacuate()) {
          running.remove(m.job().id());
          if (m instanceof Move.Stranded) {
            stranded.add(m.job().id());
          }
        }
        continue;
      }
      if (next == Double.POSITIVE_INFINITY) {
        // Nothing runs and nothing could be placed: the rest has no server.
        for (ListSchedule.Job j : jobs) {
          if (!done.contains(j.id()) && !stranded.contains(j.id())) {
            stranded.add(j.id());
          }
        }
        break;
      }
      now = next;
      clock.millis = Math.round(now * 1000);
      final double at = now;
      List<String> finished =
          running.entrySet().stream()
              .filter(e -> e.getValue().end() <= at + 1e-9 && !dead.contains(e.getValue().server()))
              .map(Map.Entry::getKey)
              .toList();
      for (String id : finished) {
        running.remove(id);
        router.finished(id);
        done.add(id);
        makespan = Math.max(makespan, now);
      }
    }
    return new Outcome(makespan, submissions, serversOfJob, stranded);
  }
}
