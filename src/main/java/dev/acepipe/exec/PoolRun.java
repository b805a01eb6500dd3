package dev.acepipe.exec;

import dev.acepipe.pool.Availability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;

/**
 * Runs the steps of a pool with every server driven at once. The executor's thread dispatches: it
 * resolves and routes every ready step and hands it to the {@link LaneDriver} of its server, one
 * thread per server, which submits, polls and collects there and tells the dispatcher when
 * something changed; a server that frees up gets its next job at once. The dispatcher also moves
 * the jobs of servers that went down ({@link PoolLanes#evacuate}) and calls the listener's {@code
 * tick}.
 *
 * <p>Every thread works holding the {@link RunLock} and gives it up while waiting (for a server, a
 * file, or something to do), so the run's state changes one thread at a time. A step belongs to the
 * driver of its lane from dispatch until it ends; the dispatcher takes a down server's steps back
 * only while that server's driver is idle, so no two threads ever work on one step.
 */
final class PoolRun {
  /**
   * How often the dispatcher looks again without news (failover bounds are measured in time) and
   * the listener hears a tick.
   */
  static final Duration TICK = Duration.ofMillis(200);

  private final RunParts parts;
  private final RunState state;
  private final PoolLanes pool;
  private final RunLock lock;
  private final Condition news;
  private final Map<ServerLane, LaneDriver> drivers = new LinkedHashMap<>();
  private boolean stopping;
  private long generation;
  private RuntimeException fatal;
  private boolean waited;

  /** The dispatcher's part of one round: submit what is ready ({@code Executor.submitReady}). */
  @FunctionalInterface
  interface Round {
    void run() throws InterruptedException;
  }

  PoolRun(RunParts parts, PoolLanes pool) {
    this.parts = parts;
    this.state = parts.state();
    this.pool = pool;
    this.lock = state.lock;
    this.news = lock.newCondition();
    for (ServerLane l : pool.lanes()) {
      drivers.put(l, new LaneDriver(l, this, lock));
    }
  }

  /**
   * Starts a waiting step whose inputs exist and whose cache missed: a job goes to the lane the
   * router picks (or waits for one), any other step to the first server that is up. Caller holds
   * the lock.
   */
  void start(RunningStep r) throws InterruptedException {
    if (r.action instanceof StepAction.Job job) {
      PoolLanes.Dispatch d = pool.dispatch(r, job, state);
      if (d == null) {
        waited = true;
        return;
      }
      hand(d.lane(), r, () -> pool.submitOn(r, job, d.moved(), state, parts.submitter()));
      return;
    }
    r.lane = pool.firstUp();
    r.state = StepState.RUNNING; // the driver runs it; the dispatcher must not pick it again
    hand(r.lane, r, () -> parts.local().run(r));
  }

  /** Hands {@code r}'s start to its lane's driver; an unexpected error fails {@code r} only. */
  private void hand(ServerLane lane, RunningStep r, LaneDriver.Work w) {
    drivers
        .get(lane)
        .hand(
            () -> {
              try {
                w.run();
              } catch (ServerUnavailableException e) {
                throw e;
              } catch (RuntimeException e) {
                state.fail(r, RunState.messageOf(e));
              }
            });
  }

  /**
   * Runs the pool until every step ended or the run is cancelled.
   *
   * @throws ServerUnavailableException when no server is left for a step (exit 4) or a server
   *     refuses every call
   */
  void run(Round round) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      for (LaneDriver d : drivers.values()) {
        Thread t = new Thread(d, "acepipe-lane-" + d.lane().poolName());
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
      dispatch(round);
    } finally {
      stopping = true;
      drivers.values().forEach(LaneDriver::wake);
      lock.unlock();
      for (Thread t : threads) {
        t.join(); // a driver ends after its current server call
      }
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  private void dispatch(Round round) throws InterruptedException {
    long lastTick = System.nanoTime();
    while (!state.cancelled() && fatal == null) {
      long seen = generation;
      long before = state.changes;
      waited = false;
      round.run();
      if (state.cancelled() || fatal != null) {
        return;
      }
      if (downDriversIdle()) {
        pool.evacuate(state);
      }
      boolean quiet = drivers.values().stream().allMatch(LaneDriver::idle);
      if (quiet && !state.anyIn(StepState.RUNNING)) {
        if (!state.anyIn(StepState.WAITING)) {
          return;
        }
        if (!waited && (!state.anyReady() || state.changes == before)) {
          // Only reachable if a need can never be met; the graph check rules it out, but never
          // spin.
          state.skipAllWaiting("its inputs can never be produced");
          return;
        }
      }
      if (System.nanoTime() - lastTick >= TICK.toNanos()) {
        lastTick = System.nanoTime();
        state.listener.tick(state.views());
      }
      if (generation == seen && state.changes == before) {
        news.awaitNanos(TICK.toNanos());
      }
    }
  }

  /** Whether the driver of every down server is idle, so its steps may be taken back. */
  private boolean downDriversIdle() {
    for (LaneDriver d : drivers.values()) {
      if (!d.idle() && pool.availability(d.lane()).state() == Availability.State.DOWN) {
        return false;
      }
    }
    return true;
  }

  /** A driver changed the run or a server's availability: the dispatcher looks again. */
  void changed() {
    generation++;
    news.signal();
  }

  /** A driver met an error that is not one step's: the run ends with it. */
  void fatal(RuntimeException e) {
    if (fatal == null) {
      fatal = e;
    }
    news.signal();
  }

  boolean stopping() {
    return stopping || state.cancelled();
  }

  RunLock lock() {
    return lock;
  }

  RunState state() {
    return state;
  }

  PoolLanes pool() {
    return pool;
  }

  TaskPoller poller() {
    return parts.poller();
  }

  ExecutorOptions options() {
    return state.options;
  }
}
