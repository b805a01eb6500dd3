package dev.acepipe.exec;

import dev.acepipe.client.ServerStats;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.pool.Availability;
import dev.acepipe.pool.Failover;
import dev.acepipe.pool.Move;
import dev.acepipe.pool.PoolJob;
import dev.acepipe.pool.Route;
import dev.acepipe.pool.Router;
import dev.acepipe.pool.Source;
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

  /** Adds a lane that has joined the pool ({@link ServerLane#joinPool}). */
  void add(ServerLane lane) {
    byName.put(lane.poolName(), lane);
    byUrl.put(lane.name(), lane);
  }

  List<ServerLane> lanes() {
    return List.copyOf(byName.values());
  }

  boolean moving(RunningStep r) {
    return moving.contains(r);
  }

  void resubmitted(RunningStep r) {
    moving.remove(r);
  }

  /** {@code r} was taken off a server that failed before it took the job: it still moves. */
  void keepMoving(RunningStep r) {
    moving.add(r);
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
