package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.pool.Availability;
import dev.acepipe.pool.Failover;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.pool.Move;
import dev.acepipe.pool.PoolJob;
import dev.acepipe.pool.Route;
import dev.acepipe.pool.Router;
import dev.acepipe.pool.RouterConfig;
import dev.acepipe.pool.Source;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lanes of a pool of servers and the {@link Router} and {@link Failover} that choose between
 * them. The executor asks {@link #choose} for each ready job, reports every failing server call
 * ({@link #failed}) and lost job ({@link #lost}), and after each tick moves the jobs of servers
 * that went down ({@link #evacuate}): each is resubmitted elsewhere once with the same request (so
 * the same seeds), and the move is an event of its step, which the manifest keeps.
 *
 * <p>Only the loop thread touches it.
 */
final class PoolLanes {
  private final Router router;
  private final Failover failover;

  private final Map<String, ServerLane> byName = new LinkedHashMap<>();
  private final Map<String, ServerLane> byUrl = new LinkedHashMap<>();

  /** Steps taken off a down server, waiting for a lane to resubmit on (plan order). */
  private final Set<RunningStep> moving = new LinkedHashSet<>();

  PoolLanes(Router router, Failover failover) {
    this.router = router;
    this.failover = failover;
  }

  /**
   * One lane per member: its own client, guard and profile; in a pool of two or more its Bulkhead
   * holds the member's {@code max_parallel}, for one server the run's {@code --max-parallel}.
   */
  static List<ServerLane> lanesOf(
      List<PoolMember> members,
      ResiliencePolicies policies,
      Clock clock,
      Sleeper sleeper,
      RunListener listener,
      ExecutorOptions options,
      RunJournal journal) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one server");
    }
    List<ServerLane> built = new ArrayList<>();
    for (PoolMember m : members) {
      AceStepClient c = m.client();
      Bulkhead bulkhead =
          members.size() == 1
              ? policies.bulkhead(c.baseUrl())
              : Bulkhead.of(
                  c.baseUrl(),
                  BulkheadConfig.custom()
                      .maxConcurrentCalls(m.server().maxParallel())
                      .maxWaitDuration(Duration.ZERO)
                      .build());
      built.add(
          new ServerLane(
              c,
              new ServerGuard(c, policies, clock, sleeper, listener),
              bulkhead,
              options.backend(),
              journal::profiled));
    }
    return List.copyOf(built);
  }

  /** The pool over {@code lanes} (one per member, in order): each lane joins under its name. */
  static PoolLanes of(
      List<PoolMember> members, List<ServerLane> lanes, FailoverConfig config, Clock clock) {
    Failover failover = new Failover(config, clock);
    Router router =
        new Router(
            members.stream().map(PoolMember::server).toList(),
            RouterConfig.DEFAULTS,
            failover,
            clock);
    PoolLanes pool = new PoolLanes(router, failover);
    for (int i = 0; i < lanes.size(); i++) {
      lanes.get(i).joinPool(members.get(i).server().name(), pool::ended);
      pool.add(lanes.get(i));
    }
    return pool;
  }

  /**
   * Starts {@code r}'s job (or, for a job moved off a down server, resubmits its unchanged request)
   * on the lane the router picks; false when it must wait (no lane now, or the picked server failed
   * while taking it: that server pauses and the job waits for the next pick).
   */
  boolean start(RunningStep r, StepAction.Job job, RunState state, JobSubmitter submitter)
      throws InterruptedException {
    ServerLane chosen = choose(r, job, state);
    if (chosen == null || !chosen.bulkhead().tryAcquirePermission()) {
      return false;
    }
    boolean moved = moving.remove(r);
    r.lane = chosen;
    r.holdsPermit = true;
    dispatched(r, chosen, job, state);
    try {
      if (moved) {
        r.state = StepState.RUNNING;
        chosen.profile(state.warnings::add);
        submitter.resubmit(r);
      } else {
        submitter.start(r, job);
      }
      if (r.state == StepState.RUNNING) {
        r.events.add("submitted to " + chosen.name());
      }
      return true;
    } catch (ServerUnavailableException e) {
      failed(chosen);
      if (r.holdsPermit) {
        r.holdsPermit = false;
        chosen.release(r.step.id(), false);
      }
      r.state = StepState.WAITING;
      r.lane = null;
      if (moved) {
        moving.add(r);
      }
      return false;
    }
  }

  /**
   * Asks {@code /health} of each paused server not polled this tick, so a server back within the
   * bound takes work again and one that stays away goes down on time.
   */
  void probePaused(Set<ServerLane> polled) throws InterruptedException {
    for (ServerLane l : byName.values()) {
      if (polled.contains(l) || availability(l).state() != Availability.State.PAUSED) {
        continue;
      }
      try {
        l.guard().call(l.client()::health);
        answered(l);
      } catch (AceStepException | ServerUnavailableException e) {
        failed(l);
      }
    }
  }

  /**
   * One {@code /query_result} per server for its in-flight steps: a server whose call fails pauses
   * and the others' answers are acted on in the same tick; then paused servers are probed and the
   * jobs of down ones move. Returns whether anything changed.
   */
  boolean pollAll(Map<ServerLane, List<RunningStep>> groups, TaskPoller poller, RunState state)
      throws InterruptedException {
    boolean changed = false;
    for (Map.Entry<ServerLane, List<RunningStep>> e : groups.entrySet()) {
      try {
        changed |= poller.pollOnce(e.getKey(), e.getValue());
        answered(e.getKey());
      } catch (ServerUnavailableException failed) {
        failed(e.getKey());
      }
    }
    probePaused(groups.keySet());
    long before = state.changes;
    evacuate(state);
    return changed || state.changes != before;
  }

  /**
   * Asks each server that is up for {@code /v1/stats}: its {@code avg_job_seconds} seeds the
   * router's average for it, and the first answer tunes the poll interval.
   */
  void refreshStats(PollInterval interval, RunListener listener, RunState state) {
    for (ServerLane l : byName.values()) {
      if (availability(l).state() != Availability.State.UP) {
        continue;
      }
      try {
        ServerStats stats = l.guard().call(l.client()::stats);
        if (!interval.informed()) {
          interval.informedBy(stats.avgJobSeconds());
        }
        stats(l, stats);
        listener.serverStats(stats);
      } catch (AceStepException e) {
        // Stats only tune the poll interval and routing; a server without them is still usable.
      } catch (ServerUnavailableException e) {
        failed(l);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        state.cancel();
        return;
      }
    }
  }

  /** The in-flight steps grouped by the lane they run on, in plan order. */
  static Map<ServerLane, List<RunningStep>> byLane(List<RunningStep> flying) {
    Map<ServerLane, List<RunningStep>> out = new LinkedHashMap<>();
    for (RunningStep r : flying) {
      out.computeIfAbsent(r.lane, k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  /** A lost job marks its server down; {@link #evacuate} then moves it and the server's others. */
  void watch(TaskPoller poller) {
    poller.onLost(
        r -> {
          lost(r.lane);
          return true;
        });
  }

  /** Nothing is in flight and every server fit for a ready job is paused: wait, probe, move. */
  void awaitServer(Sleeper sleeper, Duration wait, RunState state) throws InterruptedException {
    sleeper.sleep(wait);
    probePaused(Set.of());
    evacuate(state);
  }

  /** The first server that is up, for a step without a job; the first of all when none is. */
  ServerLane firstUp() {
    for (ServerLane l : byName.values()) {
      if (availability(l).state() == Availability.State.UP) {
        return l;
      }
    }
    return byName.values().iterator().next();
  }

  /** Adds a lane that has joined the pool ({@link ServerLane#joinPool}). */
  void add(ServerLane lane) {
    byName.put(lane.poolName(), lane);
    byUrl.put(lane.name(), lane);
  }

  List<ServerLane> lanes() {
    return List.copyOf(byName.values());
  }

  /**
   * The lane for {@code r}'s job now, or null to keep it waiting for a slot.
   *
   * @throws ServerUnavailableException when no server left can run it (the run ends with exit 4)
   */
  ServerLane choose(RunningStep r, StepAction.Job job, RunState state) {
    PoolJob pj = poolJob(r, job, state);
    Route route = router.route(pj);
    if (route instanceof Route.Assign a) {
      return byName.get(a.server().name());
    }
    if (route instanceof Route.NoServer n) {
      throw new ServerUnavailableException("pool", n.reason(), null);
    }
    return null; // Route.Wait: the best server is full or every fit one is paused
  }

  /** {@code r}'s job went to {@code lane}. */
  void dispatched(RunningStep r, ServerLane lane, StepAction.Job job, RunState state) {
    router.dispatched(poolJob(r, job, state), lane.poolName());
  }

  /** A job ended on its lane ({@link ServerLane#release}). */
  void ended(String stepId, boolean finished) {
    if (finished) {
      router.finished(stepId);
    } else {
      router.released(stepId);
    }
  }

  /** A call to {@code lane} failed past what the guard retries: the server pauses. */
  void failed(ServerLane lane) {
    failover.breakerOpened(lane.poolName());
  }

  /** A call to {@code lane} succeeded: a paused server takes work again. */
  void answered(ServerLane lane) {
    failover.breakerClosed(lane.poolName());
  }

  /** {@code lane} lost a job it had accepted. */
  void lost(ServerLane lane) {
    failover.jobLost(lane.poolName());
  }

  Availability availability(ServerLane lane) {
    return failover.availability(lane.poolName());
  }

  void stats(ServerLane lane, ServerStats stats) {
    router.observedStats(lane.poolName(), stats.avgJobSeconds());
  }

  /**
   * Takes the jobs off every server that is down: a job that may move waits for another lane (state
   * {@code WAITING}, its request kept), one that already moved once fails.
   */
  void evacuate(RunState state) {
    for (Move m : router.evacuate()) {
      RunningStep r = state.step(m.job().id());
      if (r == null || r.state != StepState.RUNNING) {
        continue;
      }
      ServerLane from = r.lane;
      if (r.holdsPermit) {
        r.holdsPermit = false;
        from.bulkhead().onComplete(); // the router already let the job go
      }
      if (m instanceof Move.Rerouted rr) {
        r.jobEnded(state.clock.instant(), StepReport.Job.End.MOVED);
        r.events.add(
            "moved off "
                + from.name()
                + " ("
                + rr.reason()
                + "); task "
                + r.taskId
                + " resubmitted elsewhere with the same seeds");
        r.state = StepState.WAITING;
        moving.add(r);
        state.notifyChanged(r);
      } else if (m instanceof Move.Stranded st) {
        state.fail(r, st.reason());
      }
    }
  }

  private PoolJob poolJob(RunningStep r, StepAction.Job job, RunState state) {
    TaskRequest req = r.prepared != null ? r.prepared : job.request();
    Source source = Source.none();
    if (job.source() != null) {
      TakeResult take = state.outputOf(job.source().stepId()).take(job.source().take());
      ServerLane on = take.onServer() ? byUrl.get(take.server()) : null;
      source = on == null ? new Source.Local() : new Source.OnServer(on.poolName());
    }
    List<Long> seeds = req.seeds() == null ? List.of() : new ArrayList<>(req.seeds());
    return new PoolJob(
        r.step.id(),
        req.model() == null ? "" : req.model(),
        req.taskType() == null ? "text2music" : req.taskType(),
        Set.of(),
        source,
        seeds);
  }
}
