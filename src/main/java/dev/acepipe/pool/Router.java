package dev.acepipe.pool;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses the server for each ready job. First it keeps the servers that can run the job (the
 * model, the task type, a way to hand over the source audio) and are not down; then it picks the
 * one expected to finish the job first: the work queued ahead of it (jobs in flight × the server's
 * average job time, less what the oldest one has already run) plus one job, plus the cost of an
 * upload or an adapter switch when the server needs one. Ties go to fewer jobs in flight, then the
 * higher weight, then declaration order, so a run routes the same way every time for the same
 * events.
 *
 * <p>Binding is late on purpose: when the best server is full ({@link PoolServer#maxParallel()}
 * jobs in flight) the answer is {@link Route.Wait}, not a worse server, because a job queued on a
 * slow server cannot be taken back cheaply. This makes the pool a list scheduler with the
 * earliest-finish rule, the schedule {@link ListSchedule} computes as the ideal.
 *
 * <p>The average job time of a server starts at its {@code /v1/stats} {@code avg_job_seconds}
 * ({@link #observedStats}) or, before any, at {@link RouterConfig#defaultJobSeconds()} divided by
 * its weight; every finished job moves it by {@link RouterConfig#learningRate()}. A job's run time
 * is measured from its submission ({@link #started}, else its dispatch) or the end of the job
 * before it on the same server, whichever is later, to when the server was seen finishing it, which
 * is exact for a server with one worker (ACE-Step's default).
 *
 * <p>Not thread-safe, no threads of its own: the executor calls it from one thread at a time (in a
 * pool run, under its run lock).
 */
public final class Router {
  /** The most one finished job may count for, in averages of its server. */
  static final double MAX_SAMPLE = 3.0;

  private final List<PoolServer> servers;
  private final RouterConfig config;
  private final Failover failover;
  private final Clock clock;
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final Map<String, String> serverOfJob = new HashMap<>();
  private final Map<String, String> resumeOn = new HashMap<>();

  /** What the router knows about one server while a run goes. */
  private static final class Lane {
    final PoolServer server;
    final Deque<InFlight> inFlight = new ArrayDeque<>();
    Set<String> loadedAdapters;
    double averageSeconds;
    int measured;
    double lastFinishedAt = Double.NEGATIVE_INFINITY;

    Lane(PoolServer server, double averageSeconds) {
      this.server = server;
      this.loadedAdapters = server.adapters();
      this.averageSeconds = averageSeconds;
    }
  }

  /** A job on a server: when it was dispatched, and when it started there (its submission). */
  private static final class InFlight {
    final PoolJob job;
    double startedAt;

    InFlight(PoolJob job, double dispatchedAt) {
      this.job = job;
      this.startedAt = dispatchedAt;
    }

    PoolJob job() {
      return job;
    }
  }

  public Router(List<PoolServer> servers, RouterConfig config, Failover failover, Clock clock) {
    this.servers = List.copyOf(servers);
    this.config = Objects.requireNonNull(config, "config");
    this.failover = Objects.requireNonNull(failover, "failover");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.servers.isEmpty()) {
      throw new IllegalArgumentException("a pool needs at least one server");
    }
    for (PoolServer s : this.servers) {
      if (lanes.put(s.name(), new Lane(s, config.defaultJobSeconds() / s.weight())) != null) {
        throw new IllegalArgumentException(
            "server name '" + s.name() + "' is used twice; give each server its own name");
      }
    }
  }

  /** The servers of the pool, in declaration order. */
  public List<PoolServer> servers() {
    return servers;
  }

  /**
   * An earlier run left {@code jobId}'s task unfinished on {@code server}: while that server is up
   * and can run the job, the job goes there (and waits for its slot there), where it is polled
   * rather than submitted again. Forgotten once the job is dispatched.
   */
  public void resumeOn(String jobId, String server) {
    lane(server);
    resumeOn.put(jobId, server);
  }

  /** Where {@code job} goes now. Changes nothing: call {@link #dispatched} once it is submitted. */
  public Route route(PoolJob job) {
    Route resumed = resumed(job);
    if (resumed != null) {
      return resumed;
    }
    double now = now();
    List<String> unfit = new ArrayList<>();
    List<String> paused = new ArrayList<>();
    Lane best = null;
    double bestFinish = 0;
    for (Lane lane : lanes.values()) {
      String name = lane.server.name();
      String why = lane.server.unfitFor(job);
      if (why != null) {
        unfit.add(name + ": " + why);
        continue;
      }
      Availability a = failover.availability(name);
      switch (a.state()) {
        case DOWN -> {
          unfit.add(name + ": down (" + a.reason() + ")");
          continue;
        }
        case PAUSED -> {
          paused.add(name + ": " + a.reason());
          continue;
        }
        case UP -> {}
      }
      double finish = expectedFinish(lane, job, now);
      if (best == null || better(lane, finish, best, bestFinish)) {
        best = lane;
        bestFinish = finish;
      }
    }
    if (best == null && paused.isEmpty()) {
      return new Route.NoServer("no server left for " + job.id() + ": " + String.join("; ", unfit));
    }
    if (best == null) {
      return new Route.Wait("every server that can run " + job.id() + " is paused: " + paused);
    }
    if (best.inFlight.size() >= best.server.maxParallel()) {
      return new Route.Wait(
          best.server.name() + " finishes " + job.id() + " first and is full; waiting for a slot");
    }
    return new Route.Assign(best.server, bestFinish);
  }

  /** The route to the server holding {@code job}'s unfinished task, or null to route as usual. */
  private Route resumed(PoolJob job) {
    String name = resumeOn.get(job.id());
    if (name == null) {
      return null;
    }
    Lane lane = lanes.get(name);
    if (lane.server.unfitFor(job) != null
        || failover.availability(name).state() != Availability.State.UP) {
      return null;
    }
    if (lane.inFlight.size() >= lane.server.maxParallel()) {
      return new Route.Wait(name + " holds the task of " + job.id() + " and is full; waiting");
    }
    return new Route.Assign(lane.server, expectedFinish(lane, job, now()));
  }

  private static boolean better(Lane a, double aFinish, Lane b, double bFinish) {
    // Within a microsecond counts as a tie, so float noise never decides a route.
    if (Math.abs(aFinish - bFinish) > 1e-6) {
      return aFinish < bFinish;
    }
    if (a.inFlight.size() != b.inFlight.size()) {
      return a.inFlight.size() < b.inFlight.size();
    }
    return a.server.weight() > b.server.weight();
  }

  private double expectedFinish(Lane lane, PoolJob job, double now) {
    double avg = lane.averageSeconds;
    double backlog = lane.inFlight.size() * avg;
    InFlight head = lane.inFlight.peekFirst();
    if (head != null) {
      double headStart = Math.max(head.startedAt, lane.lastFinishedAt);
      // A job running longer than the average is assumed to be about to finish, not negative.
      backlog -= Math.min(Math.max(0, now - headStart), avg);
    }
    double cost = 0;
    if (needsUpload(job, lane.server)) {
      cost += config.uploadSeconds();
    }
    if (!job.adapters().equals(lane.loadedAdapters)) {
      cost += config.adapterSwitchSeconds();
    }
    return backlog + avg + cost;
  }

  private static boolean needsUpload(PoolJob job, PoolServer server) {
    if (job.source() instanceof Source.OnServer on) {
      return !on.server().equals(server.name());
    }
    return job.source() instanceof Source.Local;
  }

  /** {@code job} was submitted to {@code server}. */
  public void dispatched(PoolJob job, String server) {
    Lane lane = lane(server);
    if (serverOfJob.putIfAbsent(job.id(), server) != null) {
      throw new IllegalStateException(
          "job " + job.id() + " is already in flight on " + serverOfJob.get(job.id()));
    }
    lane.inFlight.addLast(new InFlight(job, now()));
    resumeOn.remove(job.id());
    // The server loads the job's adapters to run it, so they are what later jobs find loaded.
    lane.loadedAdapters = job.adapters();
  }

  /**
   * The server accepted {@code jobId} now: its run is measured from here rather than from its
   * dispatch, so the time the executor spent handing it over (learning the server's profile on the
   * first job, an upload) does not count as the server's.
   */
  public void started(String jobId) {
    String server = serverOfJob.get(jobId);
    if (server == null) {
      return;
    }
    for (InFlight f : lanes.get(server).inFlight) {
      if (f.job().id().equals(jobId)) {
        f.startedAt = now();
      }
    }
  }

  /** {@code jobId} finished (its takes are there): frees its slot and teaches the average. */
  public void finished(String jobId) {
    finished(jobId, null);
  }

  /**
   * As {@link #finished(String)}, for a job the server was seen finishing at {@code doneAt} (null:
   * now): its takes' download afterwards is the executor's time, not the server's.
   */
  public void finished(String jobId, java.time.Instant doneAt) {
    Lane lane = remove(jobId);
    if (lane == null) {
      return;
    }
    double now = doneAt == null ? now() : Math.min(now(), doneAt.toEpochMilli() / 1000.0);
    InFlight done = takeOut(lane, jobId);
    double started = Math.max(done.startedAt, lane.lastFinishedAt);
    double ran = now - started;
    lane.lastFinishedAt = now;
    if (ran > 0) {
      // One job counts for at most three averages: a single stalled job (the machine paused, a
      // cold start) must not price a server out of the rest of the run, since a server that gets
      // no job never corrects its average; one that really slowed down gets there in a few jobs.
      double sample =
          lane.averageSeconds > 0 ? Math.min(ran, MAX_SAMPLE * lane.averageSeconds) : ran;
      lane.averageSeconds =
          lane.measured == 0 && lane.averageSeconds <= 0
              ? ran
              : config.learningRate() * sample + (1 - config.learningRate()) * lane.averageSeconds;
      lane.measured++;
    }
  }

  /**
   * {@code jobId} ended without a run worth learning from (it failed, was cancelled or refused):
   * frees its slot only.
   */
  public void released(String jobId) {
    Lane lane = remove(jobId);
    if (lane != null) {
      takeOut(lane, jobId);
    }
  }

  /**
   * {@code /v1/stats} of {@code server} reported {@code avgJobSeconds}. It seeds the average until
   * this run has measured a job there; a server that has run nothing reports 0, which changes
   * nothing.
   */
  public void observedStats(String server, double avgJobSeconds) {
    Lane lane = lane(server);
    if (lane.measured == 0 && avgJobSeconds > 0 && Double.isFinite(avgJobSeconds)) {
      lane.averageSeconds = avgJobSeconds;
    }
  }

  /**
   * Takes the jobs off every server that is down: each becomes eligible elsewhere once ({@link
   * Move.Rerouted}) or, if it already moved before, fails ({@link Move.Stranded}). Call it after
   * reporting breaker changes and lost jobs to the {@link Failover}; moved jobs are no longer in
   * flight anywhere.
   */
  public List<Move> evacuate() {
    List<Move> moves = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      if (lane.inFlight.isEmpty()) {
        continue;
      }
      Availability a = failover.availability(lane.server.name());
      if (a.state() != Availability.State.DOWN) {
        continue;
      }
      String reason = lane.server.name() + " is down (" + a.reason() + ")";
      for (InFlight f : lane.inFlight) {
        serverOfJob.remove(f.job().id());
        moves.add(
            failover.claimMove(f.job().id())
                ? new Move.Rerouted(f.job(), lane.server.name(), reason)
                : new Move.Stranded(
                    f.job(), lane.server.name(), reason + " and the job already moved once"));
      }
      lane.inFlight.clear();
    }
    return moves;
  }

  /** The server's current average job time in seconds. */
  public double averageJobSeconds(String server) {
    return lane(server).averageSeconds;
  }

  /** Jobs in flight on the server. */
  public int inFlight(String server) {
    return lane(server).inFlight.size();
  }

  private Lane lane(String server) {
    Lane lane = lanes.get(server);
    if (lane == null) {
      throw new IllegalArgumentException(
          "no server named '" + server + "' in the pool " + lanes.keySet());
    }
    return lane;
  }

  private Lane remove(String jobId) {
    String server = serverOfJob.remove(jobId);
    return server == null ? null : lanes.get(server);
  }

  private static InFlight takeOut(Lane lane, String jobId) {
    for (var it = lane.inFlight.iterator(); it.hasNext(); ) {
      InFlight f = it.next();
      if (f.job().id().equals(jobId)) {
        it.remove();
        return f;
      }
    }
    throw new IllegalStateException("job " + jobId + " was not in flight on " + lane.server.name());
  }

  private double now() {
    return clock.millis() / 1000.0;
  }
}
