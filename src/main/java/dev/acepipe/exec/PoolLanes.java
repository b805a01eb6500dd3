package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.pool.Availability;
import dev.acepipe.pool.Failover;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lanes of a pool of servers and the {@link Router} and {@link Failover} that choose between
 * them. The dispatching thread routes each ready job ({@link #dispatch}) and the lane's driver
 * submits it ({@link #submitOn}); the drivers report every failing server call ({@link #failed})
 * and lost job ({@link #lost}), and the dispatcher moves the jobs of servers that went down ({@link
 * #evacuate}): each is resubmitted elsewhere once with the same request (so the same seeds), and
 * the move is an event of its step, which the manifest keeps.
 *
 * <p>Touched only under the run's {@link RunLock} ({@link PoolRun}).
 */
final class PoolLanes {
  private final Router router;
  private final Failover failover;

  private final Map<String, ServerLane> byName = new LinkedHashMap<>();
  private final Map<String, ServerLane> byUrl = new LinkedHashMap<>();

  /** Steps taken off a down server, waiting for a lane to resubmit on (plan order). */
  private final Set<RunningStep> moving = new LinkedHashSet<>();

  // Steps whose journal was asked which server holds an earlier run's task for them.
  private final Set<String> resumeAsked = new HashSet<>();

  /** The run's steps, once {@link #watch} follows them. */
  private RunState state;

  PoolLanes(Router router, Failover failover) {
    this.router = router;
    this.failover = failover;
  }

  /**
   * One lane per member: its own client, guard and profile; in a pool ({@link RunServers#isPool()})
   * its Bulkhead holds the member's {@code max_parallel}, for one server the run's {@code
   * --max-parallel}.
   */
  static List<ServerLane> lanesOf(
      RunServers servers, ResiliencePolicies policies, Sleeper sleeper, RunServices run) {
    boolean pool = servers.isPool();
    List<ServerLane> built = new ArrayList<>();
    for (PoolMember m : servers.members()) {
      // In a pool every server has its own driver thread; its calls give up the run's lock.
      AceStepClient c = pool ? new UnlockedClient(m.client(), run.lock()) : m.client();
      Bulkhead bulkhead =
          pool
              ? Bulkhead.of(
                  c.baseUrl(),
                  BulkheadConfig.custom()
                      .maxConcurrentCalls(m.server().maxParallel())
                      .maxWaitDuration(Duration.ZERO)
                      .build())
              : policies.bulkhead(c.baseUrl());
      built.add(
          new ServerLane(
              c,
              new ServerGuard(c, policies, run.clock(), sleeper, run.listener()),
              bulkhead,
              run.options().backend(),
              run.journal()::profiled));
    }
    return List.copyOf(built);
  }

  /**
   * The pool over {@code lanes} (one per member of {@code servers}, in order): each lane joins
   * under its name.
   */
  static PoolLanes of(RunServers servers, List<ServerLane> lanes, Clock clock) {
    List<PoolMember> members = servers.members();
    Failover failover = new Failover(servers.failover(), clock);
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

  /** Where a dispatched job goes, and whether it is one moved off a down server. */
  record Dispatch(ServerLane lane, boolean moved) {}

  /**
   * Routes {@code r}'s job (on the dispatching thread): takes a slot of the lane the router picks,
   * tells the router, and makes the step the lane's ({@code RUNNING}, nothing submitted yet: its
   * driver submits it, {@link #submitOn}). Null when it must wait (no lane now, or its slot is
   * taken).
   */
  Dispatch dispatch(RunningStep r, StepAction.Job job, RunState state) throws InterruptedException {
    ServerLane chosen = choose(r, job, state);
    if (chosen == null) {
      return null;
    }
    r.lane = chosen;
    // A server's adapters and model are global state there: its gate drains and switches them
    // for this job exactly as on a single server, or keeps the job waiting (or fails it).
    if (!AdapterAdmission.takeSlot(state, r, job)) {
      if (r.state == StepState.WAITING) {
        r.lane = null;
      }
      return null;
    }
    for (ServerLane other : byName.values()) {
      if (other != chosen) {
        // it may have waited in another server's gate on an earlier pick: it no longer does
        other.releaseSetup(r.step.id());
      }
    }
    boolean moved = moving.remove(r);
    r.holdsPermit = true;
    dispatched(r, chosen, job, state);
    r.state = StepState.RUNNING;
    if (moved) {
      r.taskId = null; // the old task is on the down server: nothing to poll until resubmitted
    }
    return new Dispatch(chosen, moved);
  }

  /**
   * Submits a dispatched job on its lane (on the lane's driver), or for a job moved off a down
   * server resubmits its unchanged request (same seeds). A server that is no longer up, or fails
   * while taking the job, gives it back: it pauses and the job waits for the next pick.
   */
  void submitOn(RunningStep r, StepAction.Job job, boolean moved, RunState state, JobSubmitter sub)
      throws InterruptedException {
    ServerLane lane = r.lane;
    if (availability(lane).state() != Availability.State.UP) {
      giveBack(r, lane, moved);
      return;
    }
    try {
      if (moved) {
        lane.profile(state.warnings::add);
        sub.resubmit(r);
      } else {
        sub.start(r, job);
      }
      if (r.state == StepState.RUNNING) {
        r.events.add("submitted to " + lane.name());
        router.started(r.step.id());
      }
    } catch (ServerUnavailableException e) {
      failed(lane);
      giveBack(r, lane, moved);
    }
  }

  private void giveBack(RunningStep r, ServerLane lane, boolean moved) {
    if (r.holdsPermit) {
      r.holdsPermit = false;
      lane.release(r.step.id(), false);
    }
    lane.releaseSetup(r.step.id());
    r.state = StepState.WAITING;
    r.lane = null;
    if (moved) {
      moving.add(r);
    }
  }

  /**
   * Follows {@code state}'s steps: a lost job marks its server down ({@link #evacuate} then moves
   * it and the server's others), and a job's end teaches the router when the server finished it.
   */
  void watch(TaskPoller poller, RunState state) {
    this.state = state;
    poller.onLost(
        r -> {
          lost(r.lane);
          return true;
        });
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
    if (resumeAsked.add(r.step.id())) {
      for (ServerLane lane : byName.values()) {
        if (state.journal.holdsTask(r.step.id(), lane.name())) {
          router.resumeOn(r.step.id(), lane.poolName());
        }
      }
    }
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
      RunningStep r = state == null ? null : state.step(stepId);
      router.finished(stepId, r == null ? null : r.doneAt);
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
      from.releaseSetup(r.step.id());
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
