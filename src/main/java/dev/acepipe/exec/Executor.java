package dev.acepipe.exec;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a list of {@link ExecStep}s against a server and returns what happened.
 *
 * <p>On one server, one loop thread does everything, in ticks: submit every step whose inputs exist
 * (jobs only while the server's Bulkhead has a permit; format, random and import run at once), wait
 * the {@link PollInterval}, then ask {@code /query_result} about <em>all</em> in-flight tasks in
 * one request and act on each answer — download and probe the takes of finished jobs, resubmit
 * failed jobs up to the step's {@code retries} with the same seed, resubmit a task the server lost
 * (up to {@code retries} times, at least once) or left stale after a restart ({@link
 * ExecutorOptions#lostAfter()}), ask again for takes a server cut from the batch, fail a step past
 * its timeout. Audio already rendered reaches the server by path or upload as the server's {@link
 * ServerProfile} (learned before the first job) allows ({@link HandOff}); a step whose audio cannot
 * reach it fails before submitting. A failed step skips its descendants; independent branches go on
 * unless {@link ExecutorOptions#failFast()}. Every server call goes through the {@link ServerGuard}
 * (Retry + CircuitBreaker).
 *
 * <p>The server is a {@link ServerLane} (client, guard, Bulkhead, learned profile) that travels
 * with each job from submission to download. The loop is here; the parts are {@link JobSubmitter}
 * (hand-off and submission), {@link TaskPoller} (one query per lane and tick), {@link
 * TakeCollector} (downloads, checks, rerolls), {@link LocalSteps} (answers and local kinds) and
 * {@link RunState} (per-step state and outcomes).
 *
 * <p>On a pool of two or more servers the loop is a {@link PoolRun}: this thread resolves, looks up
 * the cache and routes each ready job ({@link PoolLanes}), and every server has its own {@link
 * LaneDriver} thread that submits, polls, downloads and checks there, so servers never wait on each
 * other; all of them share the run's state under one {@link RunLock}, which server calls give up.
 *
 * <p>{@link #run} is called once, on one thread; {@link #cancel} may be called from any thread (the
 * CLI's Ctrl-C hook): the loop stops submitting, leaves the in-flight tasks to the server and
 * reports their ids.
 */
public final class Executor {

  /** The default of {@link ExecutorOptions#lostAfter()}. */
  public static final Duration STALE_JOB_BOUND = ExecutorOptions.STALE_JOB_BOUND;

  // The first (or only) server, what the result names, and its guard; every server's lane; for a
  // pool of two or more, its router and failover (pool) and its loop (poolRun), both null for one
  // server. The lock a pool's threads share is in services.
  private final ServerLane lane;
  private final ServerGuard guard;
  private final List<ServerLane> lanes;
  private final PoolLanes pool;
  private PoolRun poolRun;

  private final RunServices services;
  private final Sleeper sleeper;
  private final PollInterval interval = new PollInterval();
  private volatile boolean cancelled;
  private volatile RunState state;
  private RunParts parts;

  /**
   * An executor over {@code servers}: one lane per member; on a pool the {@code Router} picks each
   * job's lane.
   */
  public Executor(
      RunServers servers,
      ResiliencePolicies policies,
      AudioProbe probe,
      RunJournal journal,
      RunListener listener,
      Clock clock,
      Sleeper sleeper,
      ExecutorOptions options) {
    this.services = new RunServices(options, journal, listener, clock, probe, new RunLock());
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.lanes = PoolLanes.lanesOf(servers, policies, sleeper, services);
    this.lane = lanes.get(0);
    this.guard = lane.guard();
    this.pool = servers.isPool() ? PoolLanes.of(servers, lanes, clock) : null;
  }

  /**
   * Asks the running loop to stop: nothing new is submitted; in-flight task ids are reported.
   * Thread-safe.
   */
  public void cancel() {
    cancelled = true;
    RunState s = state;
    if (s != null) {
      s.cancel();
    }
  }

  /**
   * Runs {@code steps} (any order in which every step comes after the steps it needs) to the end.
   *
   * @throws IllegalArgumentException when a step needs an unknown step or the steps form a cycle
   */
  public RunResult run(List<ExecStep> steps) {
    if (state != null) {
      throw new IllegalStateException("an Executor runs once");
    }
    RunState s = new RunState(steps, services);
    state = s;
    if (cancelled) {
      s.cancel();
    }
    parts = RunParts.of(s);
    if (pool != null) {
      pool.watch(parts.poller(), s);
      poolRun = new PoolRun(parts, pool);
    }
    Instant started = services.clock().instant();
    RunResult.Outcome outcome = null;
    String error = null;
    try {
      loop();
    } catch (ServerUnavailableException e) {
      outcome = RunResult.Outcome.SERVER_UNAVAILABLE;
      error = e.getMessage();
      for (RunningStep r : s.steps()) {
        if (r.state == StepState.RUNNING) {
          s.finish(r, StepState.FAILED, e.getMessage());
        }
      }
      s.skipAllWaiting("server unavailable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.cancel();
    }
    List<String> inFlight = new ArrayList<>();
    if (s.cancelled()) {
      outcome = RunResult.Outcome.INTERRUPTED;
      s.abandonInFlight(inFlight);
      s.skipAllWaiting("interrupted");
    }
    if (outcome == null) {
      s.abandonInFlight(inFlight); // only fail-fast leaves anything in flight here
      outcome = s.anyIn(StepState.FAILED) ? RunResult.Outcome.FAILED : RunResult.Outcome.SUCCEEDED;
    }
    return new RunResult(
        outcome,
        lane.name(),
        error,
        s.reports(),
        inFlight,
        started,
        services.clock().instant(),
        lanes.stream().mapToLong(l -> l.guard().calls()).sum(),
        s.polls,
        lane.learned().orElse(null),
        lane.renderedBy(),
        s.warnings);
  }

  /**
   * Uses {@code known} as the server's profile instead of asking for it ({@code engine run} learns
   * an external server's profile before the run starts). Call before {@link #run}.
   */
  public void knownProfile(ServerProfile known) {
    lane.knownProfile(known);
  }

  private void loop() throws InterruptedException {
    if (poolRun != null) {
      poolRun.run(this::submitReady);
      return;
    }
    RunState s = state;
    int statsEvery = services.options().statsEvery();
    boolean statsAsked = false;
    while (!s.cancelled()) {
      long before = s.changes;
      submitReady();
      if (s.cancelled()) {
        return;
      }
      List<RunningStep> flying = s.inFlight();
      if (flying.isEmpty()) {
        if (!s.anyIn(StepState.WAITING)) {
          return;
        }
        if (!s.anyReady() || s.changes == before) {
          // Only reachable if a need can never be met; the graph check rules it out, but never
          // spin.
          s.skipAllWaiting("its inputs can never be produced");
          return;
        }
        continue;
      }
      if (!statsAsked && statsEvery > 0) {
        // Asked only once a job is in flight: a fully cached run must not need (or start) a server.
        statsAsked = true;
        refreshStats();
      }
      sleeper.sleep(interval.current());
      if (s.cancelled()) {
        return;
      }
      boolean changed = parts.poller().pollOnce(lane, s.inFlight());
      interval.next(changed);
      // Until the server has an average, ask again after each completion: it sets how fast to poll.
      if (statsEvery > 0 && (s.polls % statsEvery == 0 || (changed && !interval.informed()))) {
        refreshStats();
      }
      services.listener().tick(s.views());
    }
  }

  private void submitReady() throws InterruptedException {
    RunState s = state;
    for (RunningStep r : s.steps()) {
      if (!s.submitting()) {
        return;
      }
      if (r.state != StepState.WAITING || !s.inputsReady(r)) {
        continue;
      }
      try {
        submitOne(r);
      } catch (RuntimeException e) {
        if (e instanceof ServerUnavailableException) {
          throw e;
        }
        // An unexpected error fails this one step; the run, its manifest and other branches go on.
        s.fail(r, RunState.messageOf(e));
      }
    }
  }

  /** Resolves, looks up the cache and starts one waiting step whose inputs exist. */
  private void submitOne(RunningStep r) throws InterruptedException {
    RunState s = state;
    if (r.action == null) {
      try {
        r.action = r.step.resolver().resolve(s::outputOf);
      } catch (IllegalArgumentException e) {
        s.fail(r, e.getMessage());
        return;
      }
      Optional<StepOutput> hit;
      try {
        parts.submitter().requireInputTakes(r.action);
        hit = services.journal().cached(r.step.id(), r.action, s::outputOf);
      } catch (IllegalArgumentException e) {
        s.fail(r, e.getMessage());
        return;
      }
      if (hit.isPresent() && parts.collector().settleCached(r, hit.get())) {
        return;
      }
    }
    if (poolRun != null) {
      poolRun.start(r); // routed by the pool's Router, run by the lane's driver
      return;
    }
    r.lane = lane;
    if (r.action instanceof StepAction.Job job) {
      if (!AdapterAdmission.takeSlot(state, r, job)) {
        return; // a later sync step may still run; jobs wait for a slot and their setup
      }
      r.holdsPermit = true;
      parts.submitter().start(r, job);
    } else {
      parts.local().run(r);
    }
  }

  private void refreshStats() {
    try {
      ServerStats stats = guard.call(lane.client()::stats);
      interval.informedBy(stats.avgJobSeconds());
      services.listener().serverStats(stats);
    } catch (AceStepException | ServerUnavailableException e) {
      // Stats only tune the poll interval; a server without them is still usable.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.cancel();
    }
  }
}
