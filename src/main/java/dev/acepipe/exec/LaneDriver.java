package dev.acepipe.exec;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerStats;
import dev.acepipe.pool.Availability;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Drives one server of a pool on its own thread: submits what the dispatcher hands it ({@link
 * #hand}), polls the server's in-flight tasks in one {@code /query_result} when they are due and
 * acts on the answers (downloads, hashes, probes and checks finished takes, resubmits), asks its
 * {@code /v1/stats}, and probes it while it is paused. It polls on its own schedule: no later than
 * its oldest job is expected to end (from the server's {@code avg_job_seconds}), then briefly,
 * backing off while the job is late ({@link PollInterval#toward}).
 *
 * <p>It works holding the run's {@link RunLock} and waits without it; every server call gives the
 * lock up while the server answers ({@link UnlockedClient}), so the drivers of the other servers
 * and the dispatcher go on meanwhile.
 */
final class LaneDriver implements Runnable {
  private final ServerLane lane;
  private final PoolRun run;
  private final Condition due;
  private final Deque<Work> work = new ArrayDeque<>();
  private final PollInterval interval = new PollInterval();

  /** When each in-flight task of this lane was first seen submitted ({@link System#nanoTime}). */
  private final Map<String, Long> seen = new HashMap<>();

  private long lastEnd = Long.MIN_VALUE;
  private long nextPoll = Long.MIN_VALUE;
  private long nextProbe = Long.MIN_VALUE;
  private long polls;
  private boolean statsAsked;
  private boolean busy;

  /** Something a lane's driver does for the dispatcher (submit a job, answer a step). */
  @FunctionalInterface
  interface Work {
    void run() throws InterruptedException;
  }

  LaneDriver(ServerLane lane, PoolRun run, RunLock lock) {
    this.lane = lane;
    this.run = run;
    this.due = lock.newCondition();
  }

  ServerLane lane() {
    return lane;
  }

  /** Queues {@code w} for this lane's thread (caller holds the lock). */
  void hand(Work w) {
    work.add(w);
    due.signal();
  }

  /** Whether the driver is neither in the middle of something nor has work queued. */
  boolean idle() {
    return !busy && work.isEmpty();
  }

  /** Wakes the driver (caller holds the lock): the run is ending. */
  void wake() {
    due.signal();
  }

  @Override
  public void run() {
    run.lock().lock();
    try {
      while (!run.stopping()) {
        turn();
      }
    } catch (InterruptedException e) {
      run.state().cancel();
    } catch (RuntimeException e) {
      run.fatal(e);
    } catch (Error e) {
      // the dispatcher waits on this driver's steps: end the run rather than leave it waiting
      run.fatal(new IllegalStateException("the driver of " + lane.name() + " stopped: " + e, e));
    } finally {
      busy = false;
      run.changed();
      run.lock().unlock();
    }
  }

  /** One thing to do, or a wait until the next one is due. */
  private void turn() throws InterruptedException {
    Work w = work.poll();
    if (w != null) {
      busy = true;
      try {
        w.run();
      } finally {
        busy = false;
        run.changed();
      }
      return;
    }
    long now = System.nanoTime();
    Availability.State availability = run.pool().availability(lane).state();
    List<RunningStep> flying = availability == Availability.State.DOWN ? List.of() : flying(now);
    if (availability == Availability.State.PAUSED && now >= nextProbe) {
      probe();
      nextProbe = System.nanoTime() + interval.current().toNanos();
      return;
    }
    if (availability == Availability.State.UP && !flying.isEmpty()) {
      if (!statsAsked && run.options().statsEvery() > 0) {
        // Asked once a job is in flight: a cached run never needs the server.
        statsAsked = true;
        stats();
        return;
      }
      if (nextPoll == Long.MIN_VALUE) {
        nextPoll = now + wait(flying, now);
      }
      if (now >= nextPoll) {
        poll(flying);
        return;
      }
    }
    long until = Long.MAX_VALUE;
    if (!flying.isEmpty() && nextPoll != Long.MIN_VALUE) {
      until = nextPoll - now;
    }
    if (availability == Availability.State.PAUSED) {
      until = Math.min(until, nextProbe - now);
    }
    // Woken by new work and by the run's end; the bound keeps a missed signal harmless.
    due.awaitNanos(Math.max(1, Math.min(until, TimeUnit.SECONDS.toNanos(1))));
  }

  /** This lane's steps with a task on the server, in plan order; learns when each was submitted. */
  private List<RunningStep> flying(long now) {
    List<RunningStep> out = new ArrayList<>();
    for (RunningStep r : run.state().inFlight()) {
      if (r.lane == lane) {
        out.add(r);
      }
    }
    List<String> ids = out.stream().map(r -> r.taskId).toList();
    seen.keySet().retainAll(ids);
    for (String id : ids) {
      seen.putIfAbsent(id, now);
    }
    if (out.isEmpty()) {
      nextPoll = Long.MIN_VALUE;
    }
    return out;
  }

  private void poll(List<RunningStep> flying) throws InterruptedException {
    long changesBefore = run.state().changes;
    int before = flying.size();
    boolean changed;
    busy = true;
    try {
      changed = run.poller().pollOnce(lane, flying);
      run.pool().answered(lane);
    } catch (ServerUnavailableException e) {
      run.pool().failed(lane);
      changed = true;
    } finally {
      busy = false;
    }
    long now = System.nanoTime();
    polls++;
    interval.next(changed);
    List<RunningStep> left = flying(now);
    if (left.size() < before) {
      lastEnd = now;
    }
    nextPoll = left.isEmpty() ? Long.MIN_VALUE : now + wait(left, now);
    if (run.options().statsEvery() > 0
        && (polls % run.options().statsEvery() == 0 || (changed && !interval.informed()))) {
      stats();
    }
    if (changed || run.state().changes != changesBefore) {
      run.changed();
    }
  }

  /**
   * Nanoseconds until the next poll: toward the expected end of the oldest job, which started when
   * it was submitted or when the job before it ended, whichever is later (one worker per server).
   */
  private long wait(List<RunningStep> flying, long now) {
    long oldest = Long.MAX_VALUE;
    for (RunningStep r : flying) {
      oldest = Math.min(oldest, seen.getOrDefault(r.taskId, now));
    }
    long started = Math.max(oldest, lastEnd);
    double untilEnd = interval.averageJobSeconds() - (now - started) / 1e9;
    return interval.toward(untilEnd).toNanos();
  }

  /** Asks {@code /v1/stats}: it seeds the router's average and paces this lane's polls. */
  private void stats() throws InterruptedException {
    busy = true;
    try {
      ServerStats stats = lane.guard().call(lane.client()::stats);
      interval.informedBy(stats.avgJobSeconds());
      run.pool().stats(lane, stats);
      run.state().listener.serverStats(stats);
    } catch (AceStepException e) {
      // Stats only tune the polling and routing; a server without them is still usable.
    } catch (ServerUnavailableException e) {
      run.pool().failed(lane);
    } finally {
      busy = false;
    }
  }

  /** A paused server is asked {@code /health}: back within the bound, it takes work again. */
  private void probe() throws InterruptedException {
    busy = true;
    try {
      lane.guard().call(lane.client()::health);
      run.pool().answered(lane);
      run.changed();
    } catch (AceStepException | ServerUnavailableException e) {
      run.pool().failed(lane);
    } finally {
      busy = false;
    }
  }
}
