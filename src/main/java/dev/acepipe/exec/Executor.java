package dev.acepipe.exec;

import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.Download;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.Submission;
import dev.acepipe.client.Take;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * Runs a list of {@link ExecStep}s against one server and returns what happened.
 *
 * <p>One loop thread does everything, in ticks: submit every step whose inputs exist (jobs only
 * while the server's Bulkhead has a permit; format, random and import run at once), wait the {@link
 * PollInterval}, then ask {@code /query_result} about <em>all</em> in-flight tasks in one request
 * and act on each answer — download and probe the takes of finished jobs, resubmit failed jobs up
 * to the step's {@code retries} with the same seed, resubmit a task the server lost (up to {@code
 * retries} times, at least once) or left stale after a restart ({@link Options#lostAfter()}), ask
 * again for takes a server cut from the batch, fail a step past its timeout. Audio already rendered
 * reaches the server by path or upload as the server's {@link ServerProfile} (learned before the
 * first job) allows ({@link HandOff}); a step whose audio cannot reach it fails before submitting.
 * A failed step skips its descendants; independent branches go on unless {@link
 * Options#failFast()}. Every server call goes through the {@link ServerGuard} (Retry +
 * CircuitBreaker).
 *
 * <p>{@link #run} is called once, on one thread; {@link #cancel} may be called from any thread (the
 * CLI's Ctrl-C hook): the loop stops submitting, leaves the in-flight tasks to the server and
 * reports their ids.
 */
public final class Executor {

  /**
   * @param takesDir where downloaded takes go ({@code <run dir>/takes}); one folder per step
   * @param failFast stop submitting after the first failed step
   * @param statsEvery ask {@code /v1/stats} for {@code avg_job_seconds} every this many polls (0 =
   *     never)
   */
  public record Options(
      Path takesDir,
      boolean failFast,
      int statsEvery,
      ServerProfile.Backend backend,
      Duration lostAfter) {
    public Options {
      Objects.requireNonNull(takesDir, "takesDir");
      if (statsEvery < 0) {
        throw new IllegalArgumentException("statsEvery must be >= 0, was " + statsEvery);
      }
      lostAfter = Objects.requireNonNullElse(lostAfter, STALE_JOB_BOUND);
      if (lostAfter.isNegative() || lostAfter.isZero()) {
        throw new IllegalArgumentException("lostAfter must be positive, was " + lostAfter);
      }
    }

    /** Options for a server whose backend is learned from its profile. */
    public Options(Path takesDir, boolean failFast, int statsEvery) {
      this(takesDir, failFast, statsEvery, null, STALE_JOB_BOUND);
    }

    public static Options in(Path takesDir) {
      return new Options(takesDir, false, 10);
    }

    public Options withFailFast(boolean v) {
      return new Options(takesDir, v, statsEvery, backend, lostAfter);
    }

    /**
     * Who renders when the run never asks the server (a fully cached run): {@code engine run} knows
     * the embedded server renders when no server URL is given.
     */
    public Options withBackend(ServerProfile.Backend b) {
      return new Options(takesDir, failFast, statsEvery, b, lostAfter);
    }

    /** How long a running job may sit still while the server is idle before it counts as lost. */
    public Options withLostAfter(Duration d) {
      return new Options(takesDir, failFast, statsEvery, backend, d);
    }
  }

  /**
   * The default of {@link Options#lostAfter()}: how long a running job may report the same stage
   * and progress while {@code /v1/stats} shows the server running and queueing nothing before it
   * counts as lost: a snapshot server restarted mid-job keeps answering the job's last stage for up
   * to an hour (docs/resilience.md, "Lost jobs").
   */
  public static final Duration STALE_JOB_BOUND = Duration.ofSeconds(60);

  /** The largest difference between a take's probed length and the length its request implies. */
  static final double DURATION_TOLERANCE_SECONDS = 1.0;

  private final AceStepClient client;
  private final ServerGuard guard;
  private final Bulkhead bulkhead;
  private final AudioProbe probe;
  private final RunJournal journal;
  private final RunListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Options options;
  private final TakeSelector selector = new TakeSelector();
  private volatile boolean cancelled;

  /** Learned before the first job is submitted; null while nothing needed the server. */
  private ServerProfile profile;

  private HandOff handOff;
  private final List<String> warnings = new ArrayList<>();
  private boolean seedsWarned;

  /**
   * The server answered "LLM not initialized" during this run: it has no LM, whatever its profile
   * said.
   */
  private boolean lmRefused;

  /** The poll count at which {@link #serverIdle} last asked, and its answer. */
  private long idleAskedAt = -1;

  private boolean idleAnswer;

  private final Map<String, StepRun> runs = new LinkedHashMap<>();
  private final PollInterval interval = new PollInterval();
  private DirectedAcyclicGraph<String, DefaultEdge> graph;
  private boolean stopSubmitting;
  private long polls;

  /** Counts state and stage changes, so the loop can tell a round that achieved nothing. */
  private long changes;

  public Executor(
      AceStepClient client,
      ResiliencePolicies policies,
      AudioProbe probe,
      RunJournal journal,
      RunListener listener,
      Clock clock,
      Sleeper sleeper,
      Options options) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.guard =
        new ServerGuard(
            client, policies, clock, sleeper, Objects.requireNonNull(listener, "listener"));
    this.bulkhead = policies.bulkhead(client.baseUrl());
    this.probe = Objects.requireNonNull(probe, "probe");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Asks the running loop to stop: nothing new is submitted; in-flight task ids are reported.
   * Thread-safe.
   */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Runs {@code steps} (any order in which every step comes after the steps it needs) to the end.
   *
   * @throws IllegalArgumentException when a step needs an unknown step or the steps form a cycle
   */
  public RunResult run(List<ExecStep> steps) {
    if (!runs.isEmpty()) {
      throw new IllegalStateException("an Executor runs once");
    }
    graph = buildGraph(steps);
    for (ExecStep s : steps) {
      runs.put(s.id(), new StepRun(s));
    }
    Instant started = clock.instant();
    RunResult.Outcome outcome = null;
    String error = null;
    try {
      loop();
    } catch (ServerUnavailableException e) {
      outcome = RunResult.Outcome.SERVER_UNAVAILABLE;
      error = e.getMessage();
      for (StepRun r : runs.values()) {
        if (r.state == StepState.RUNNING) {
          finish(r, StepState.FAILED, e.getMessage());
        }
      }
      skipAllWaiting("server unavailable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
    }
    List<String> inFlight = new ArrayList<>();
    if (cancelled) {
      outcome = RunResult.Outcome.INTERRUPTED;
      abandonInFlight(inFlight);
      skipAllWaiting("interrupted");
    }
    if (outcome == null) {
      abandonInFlight(inFlight); // only fail-fast leaves anything in flight here
      boolean anyFailed = runs.values().stream().anyMatch(r -> r.state == StepState.FAILED);
      outcome = anyFailed ? RunResult.Outcome.FAILED : RunResult.Outcome.SUCCEEDED;
    }
    List<StepReport> reports = runs.values().stream().map(StepRun::report).toList();
    return new RunResult(
        outcome,
        client.baseUrl(),
        error,
        reports,
        inFlight,
        started,
        clock.instant(),
        guard.calls(),
        polls,
        profile,
        renderedBy(),
        warnings);
  }

  /**
   * Uses {@code known} as the server's profile instead of asking for it ({@code engine run} learns
   * an external server's profile before the run starts). Call before {@link #run}.
   */
  public void knownProfile(ServerProfile known) {
    this.profile = Objects.requireNonNull(known, "known");
    this.handOff = new HandOff(known);
    journal.profiled(known);
  }

  /** "embedded synthesizer (not AI)", or the server's URL, version and generation. */
  private String renderedBy() {
    ServerProfile.Backend backend = profile != null ? profile.backend() : options.backend();
    if (backend == ServerProfile.Backend.EMBEDDED) {
      return "embedded synthesizer (not AI)";
    }
    if (profile == null) {
      return client.baseUrl();
    }
    return client.baseUrl()
        + " (ACE-Step"
        + (profile.version().isBlank() ? "" : " " + profile.version())
        + ", "
        + profile.generation().name().toLowerCase(Locale.ROOT)
        + " generation)";
  }

  /**
   * The server's profile, learned on first need; a server that cannot tell gets one that tries both
   * hand-offs.
   */
  private ServerProfile profile() throws InterruptedException {
    if (profile == null) {
      ServerProfile learned;
      try {
        learned = guard.call(client::profile);
      } catch (AceStepException e) {
        warnings.add(
            "could not learn what server "
                + client.baseUrl()
                + " can do ("
                + e.getMessage()
                + "); trying server paths and uploads as each job needs");
        learned =
            new ServerProfile(
                ServerProfile.Generation.SNAPSHOT,
                options.backend() == null ? ServerProfile.Backend.EXTERNAL : options.backend(),
                "",
                true,
                true,
                true,
                false,
                Optional.empty(),
                false,
                Map.of(),
                Set.of("mp3", "wav", "flac"),
                Optional.empty());
      }
      knownProfile(learned);
    }
    return profile;
  }

  private void loop() throws InterruptedException {
    boolean statsAsked = false;
    while (!cancelled) {
      long before = changes;
      submitReady();
      if (cancelled) {
        return;
      }
      if (inFlight().isEmpty()) {
        if (runs.values().stream().noneMatch(r -> r.state == StepState.WAITING)) {
          return;
        }
        if (!anyReady() || changes == before) {
          // Only reachable if a need can never be met; the graph check rules it out, but never
          // spin.
          skipAllWaiting("its inputs can never be produced");
          return;
        }
        continue;
      }
      if (!statsAsked && options.statsEvery() > 0) {
        // Asked only once a job is in flight: a fully cached run must not need (or start) a server.
        statsAsked = true;
        refreshStats();
      }
      sleeper.sleep(interval.current());
      if (cancelled) {
        return;
      }
      boolean changed = pollOnce();
      interval.next(changed);
      // Until the server has an average, ask again after each completion: it sets how fast to poll.
      if (options.statsEvery() > 0
          && (polls % options.statsEvery() == 0 || (changed && !interval.informed()))) {
        refreshStats();
      }
      listener.tick(views());
    }
  }

  // ---- submitting
  // ------------------------------------------------------------------------------------------

  private void submitReady() throws InterruptedException {
    for (StepRun r : runs.values()) {
      if (cancelled || stopSubmitting) {
        return;
      }
      if (r.state != StepState.WAITING || !inputsReady(r)) {
        continue;
      }
      try {
        submitOne(r);
      } catch (RuntimeException e) {
        if (e instanceof ServerUnavailableException) {
          throw e;
        }
        // An unexpected error fails this one step; the run, its manifest and other branches go on.
        fail(r, messageOf(e));
      }
    }
  }

  /** Resolves, looks up the cache and starts one waiting step whose inputs exist. */
  private void submitOne(StepRun r) throws InterruptedException {
    if (r.action == null) {
      try {
        r.action = r.step.resolver().resolve(this::outputOf);
      } catch (IllegalArgumentException e) {
        fail(r, e.getMessage());
        return;
      }
      Optional<StepOutput> hit;
      try {
        requireInputTakes(r.action);
        hit = journal.cached(r.step.id(), r.action, this::outputOf);
      } catch (IllegalArgumentException e) {
        fail(r, e.getMessage());
        return;
      }
      if (hit.isPresent() && settleCached(r, hit.get())) {
        return;
      }
    }
    if (r.action instanceof StepAction.Job job) {
      if (!bulkhead.tryAcquirePermission()) {
        return; // a later sync step may still run; jobs wait for a slot
      }
      r.holdsPermit = true;
      startJob(r, job);
    } else {
      runSync(r);
    }
  }

  /**
   * A job's source and reference takes must exist: a server that cut {@code batch_size} returns
   * fewer takes than the pipeline counted on, and {@code from: draft#1} then names nothing.
   */
  private void requireInputTakes(StepAction action) {
    if (!(action instanceof StepAction.Job job)) {
      return;
    }
    for (AudioRef ref : new AudioRef[] {job.source(), job.reference()}) {
      if (ref == null) {
        continue;
      }
      StepOutput out = outputOf(ref.stepId());
      if (ref.take() >= out.takes().size()) {
        throw new IllegalArgumentException(
            "input "
                + ref
                + " does not exist: step '"
                + ref.stepId()
                + "' has "
                + out.takes().size()
                + " take(s) (its server returned fewer than asked); use an existing take or let "
                + "'"
                + ref.stepId()
                + "' retry its missing takes (retries:)");
      }
    }
  }

  private boolean inputsReady(StepRun r) {
    return r.step.needs().stream().allMatch(n -> runs.get(n).state.hasOutput());
  }

  private boolean anyReady() {
    return runs.values().stream().anyMatch(r -> r.state == StepState.WAITING && inputsReady(r));
  }

  private void runSync(StepRun r) throws InterruptedException {
    r.state = StepState.RUNNING;
    r.startedAt = clock.instant();
    notifyChanged(r);
    try {
      StepHandler handler = StepHandlers.of(r.action);
      StepOutput out;
      if (handler instanceof AnswerHandler h) {
        out = guard.call(() -> h.ask(r.step.id(), r.action, client));
      } else if (handler instanceof LocalHandler h) {
        out =
            h.run(r.step.id(), r.action, new LocalHandler.Inputs(probe, this::outputOf, selector));
      } else {
        throw new IllegalStateException("jobs are not synchronous");
      }
      succeed(r, out);
    } catch (AceStepException e) {
      stopIfRefused(e);
      lmRefused |= e.kind() == AceStepException.Kind.LM_UNAVAILABLE;
      fail(
          r,
          e.kind() == AceStepException.Kind.LM_UNAVAILABLE
              ? JobHints.lmUnavailable(client.baseUrl(), e)
              : e.getMessage());
    } catch (IllegalArgumentException e) {
      fail(r, e.getMessage());
    } catch (IOException e) {
      fail(r, "cannot read " + e.getMessage());
    } catch (SelectionException e) {
      fail(r, e.getMessage());
    } catch (ServerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(r, messageOf(e));
    }
  }

  /**
   * Resolves the source, builds the request, hands the audio off and submits; failures fail the
   * step.
   */
  private void startJob(StepRun r, StepAction.Job job) throws InterruptedException {
    r.state = StepState.RUNNING;
    r.startedAt = clock.instant();
    r.deadline = r.startedAt.plus(r.step.timeout());
    try {
      TakeResult source =
          job.source() == null ? null : outputOf(job.source().stepId()).take(job.source().take());
      double sourceSeconds = source == null ? 0 : source.audio().durationSeconds();
      JobRequests.Prepared prepared = JobRequests.prepare(job, sourceSeconds);
      r.expectedSeconds = prepared.expectedSeconds();
      r.prepared = prepared.request();
      r.asked = prepared.request();
      ServerProfile p = profile();
      if (JobHints.needsLm(r.prepared) && (lmRefused || JobHints.lmMissing(p))) {
        throw new IllegalArgumentException(JobHints.noLm(client.baseUrl(), r.prepared));
      }
      r.sourceRef = job.source();
      r.referenceRef = job.reference();
      r.reference =
          job.reference() == null
              ? null
              : outputOf(job.reference().stepId()).take(job.reference().take());
      r.source = source;
      Optional<String> earlier = journal.reattach(r.step.id());
      if (earlier.isPresent()) {
        reattach(r, earlier.get());
      } else {
        submit(r);
      }
    } catch (AceStepException e) {
      stopIfRefused(e);
      lmRefused |= e.kind() == AceStepException.Kind.LM_UNAVAILABLE;
      fail(
          r,
          e.kind() == AceStepException.Kind.LM_UNAVAILABLE
              ? JobHints.lmUnavailable(client.baseUrl(), e)
              : e.getMessage());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      fail(r, e.getMessage());
    } catch (ServerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(r, messageOf(e));
    }
  }

  /**
   * Follows a task an earlier (killed) run submitted for this exact step instead of submitting it
   * again. Counts as the first attempt; if the server answers "unknown task", the usual lost-task
   * handling submits anew.
   */
  private void reattach(StepRun r, String taskId) {
    r.sent = r.prepared;
    r.attempts++;
    r.taskId = taskId;
    r.taskIds.add(taskId);
    r.stage = "queued";
    r.progress = 0;
    r.events.add("re-attached to task " + taskId + " left by an earlier run");
    notifyChanged(r);
  }

  /**
   * Hands the source and reference off ({@link HandOff}) and submits {@code r.prepared}. Also used
   * for resubmissions, which repeat the hand-off: a restarted server may have lost the file.
   *
   * @throws IllegalArgumentException when the audio cannot reach this server (nothing was
   *     submitted)
   */
  private void submit(StepRun r) throws InterruptedException {
    Submission sub = handOffAndSubmit(r, r.prepared);
    r.attempts++;
    r.taskId = sub.taskId();
    r.taskIds.add(sub.taskId());
    r.queuePosition = sub.queuePosition();
    r.stage = "queued";
    r.progress = 0;
    r.stageSince = clock.instant();
    journal.submitted(r.step.id(), sub.taskId(), r.attempts);
    notifyChanged(r);
  }

  /**
   * Chooses each input's way from the profile, submits, and on the specific refusal (uploads
   * refused, absolute path refused) switches that way off for the run and tries the other way once.
   */
  private Submission handOffAndSubmit(StepRun r, TaskRequest request) throws InterruptedException {
    for (int round = 0; ; round++) {
      HandOff.Way src =
          r.source == null ? null : way(r, HandOff.Role.SOURCE, r.sourceRef, r.source);
      HandOff.Way ref =
          r.reference == null ? null : way(r, HandOff.Role.REFERENCE, r.referenceRef, r.reference);
      TaskRequest.Builder b = request.toBuilder();
      if (request.seeds().size() > 1 && !handOff.profile().seedLists()) {
        // A server without per-take lists would misread "s1,s2": it gets take 0's seed and draws
        // the rest.
        b.seed(request.seed());
      }
      if (src == HandOff.Way.PATH) {
        b.srcAudioPath(r.source.serverPath());
      }
      if (ref == HandOff.Way.PATH) {
        b.referenceAudioPath(r.reference.serverPath());
      }
      TaskRequest withPaths = b.build();
      try {
        Submission sub;
        if (src == HandOff.Way.UPLOAD || ref == HandOff.Way.UPLOAD) {
          if (src == HandOff.Way.UPLOAD
              && r.source.onServer(client.baseUrl())
              && handOff.pathsAccepted()) {
            r.events.add(
                "source "
                    + r.source.serverPath()
                    + " is gone from the server; uploaded the local copy");
          }
          Path srcFile = src == HandOff.Way.UPLOAD ? r.source.localPath() : null;
          Path refFile = ref == HandOff.Way.UPLOAD ? r.reference.localPath() : null;
          sub = guard.call(() -> client.submitWithUpload(withPaths, srcFile, refFile));
        } else {
          sub = guard.call(() -> client.submit(withPaths));
        }
        r.sent = withPaths;
        return sub;
      } catch (AceStepException e) {
        boolean uploaded = src == HandOff.Way.UPLOAD || ref == HandOff.Way.UPLOAD;
        boolean byPath = src == HandOff.Way.PATH || ref == HandOff.Way.PATH;
        if (round == 0 && uploaded && e.kind() == AceStepException.Kind.UPLOAD_REFUSED) {
          handOff.uploadRefused();
          r.events.add(
              "server refused the upload ("
                  + e.getMessage()
                  + "); handing audio on by server path");
          continue;
        }
        if (round == 0 && byPath && e.kind() == AceStepException.Kind.PATH_REFUSED) {
          handOff.pathRefused();
          r.events.add(
              "server refused the absolute path ("
                  + e.getMessage()
                  + "); uploading the local copy");
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * The way {@code take} reaches the server, or the step's pre-submit failure saying what to do.
   */
  private HandOff.Way way(StepRun r, HandOff.Role role, AudioRef ref, TakeResult take)
      throws InterruptedException {
    String server = client.baseUrl();
    boolean here =
        take.onServer(server) || (take.onServer() && take.server().equals(TakeResult.RUN_SERVER));
    boolean[] live = new boolean[2]; // [asked, answer]: probe at most once per decision
    java.util.function.BooleanSupplier probeOnce =
        () -> {
          if (!live[0]) {
            live[0] = true;
            try {
              live[1] = guard.call(() -> client.probe(take.serverPath()));
            } catch (AceStepException e) {
              live[1] = false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              live[1] = false;
            }
          }
          return live[1];
        };
    Optional<HandOff.Way> way = handOff.first(here, probeOnce);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted while probing " + take.serverPath());
    }
    if (way.isEmpty()) {
      StepRun from = runs.get(ref.stepId());
      boolean fromImport = from != null && from.action instanceof StepAction.Import;
      throw new IllegalArgumentException(handOff.advice(role, ref, fromImport, take, server));
    }
    return way.get();
  }

  // ---- polling
  // ---------------------------------------------------------------------------------------------

  private List<StepRun> inFlight() {
    return runs.values().stream()
        .filter(r -> r.state == StepState.RUNNING && r.taskId != null)
        .toList();
  }

  /** One {@code /query_result} for every in-flight task; returns whether anything changed. */
  private boolean pollOnce() throws InterruptedException {
    List<StepRun> flying = inFlight();
    List<String> ids = flying.stream().map(r -> r.taskId).toList();
    List<TaskStatus> statuses;
    try {
      statuses = guard.call(() -> client.query(ids));
    } catch (AceStepException e) {
      stopIfRefused(e);
      if (e.isTransient()) {
        // Transient failures past their retries (without opening the breaker): try again next tick.
        return false;
      }
      // A refusal (bad key, bad request) will not change by asking again: the tasks cannot be
      // followed.
      for (StepRun r : flying) {
        fail(r, "cannot poll task " + r.taskId + ": " + e.getMessage());
      }
      return true;
    }
    polls++;
    Map<String, TaskStatus> byId = new HashMap<>();
    for (TaskStatus s : statuses) {
      byId.put(s.taskId(), s);
    }
    boolean changed = false;
    for (StepRun r : flying) {
      TaskStatus status = byId.get(r.taskId);
      if (status == null) {
        continue;
      }
      try {
        changed |= handle(r, status);
      } catch (ServerUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        // An unexpected error while finishing one step (download, store, lock check) fails that
        // step only.
        fail(r, messageOf(e));
        changed = true;
      }
    }
    return changed;
  }

  private boolean handle(StepRun r, TaskStatus status) throws InterruptedException {
    if (status instanceof TaskStatus.Pending p) {
      boolean stageChanged = !Objects.equals(r.stage, p.stage());
      boolean moved = stageChanged || p.progress() != r.progress || r.stageSince == null;
      r.stage = p.stage();
      r.progress = p.progress();
      if (moved) {
        r.stageSince = clock.instant();
      }
      if (stageChanged) {
        notifyChanged(r);
      }
      if (!moved
          && Duration.between(r.stageSince, clock.instant()).compareTo(options.lostAfter()) > 0
          && serverIdle()) {
        lost(
            r,
            "task "
                + r.taskId
                + " stayed at '"
                + r.stage
                + "' for over "
                + options.lostAfter().toSeconds()
                + " s while the server ran and queued nothing (restarted mid-job?)");
        return true;
      }
      return checkDeadline(r) || stageChanged;
    }
    if (status instanceof TaskStatus.PresumedTimedOut) {
      // The server stopped reporting, but the job may still finish: only our own deadline ends it.
      boolean first = !"presumed timed out".equals(r.stage);
      r.stage = "presumed timed out";
      if (first) {
        r.events.add(
            "server presumed task "
                + r.taskId
                + " timed out; still polling until the step's timeout");
        notifyChanged(r);
      }
      return checkDeadline(r) || first;
    }
    if (status instanceof TaskStatus.Failed f) {
      String reason =
          f.reasonIfAny()
              .map(s -> ": " + s)
              .orElse("; " + JobHints.failedWithoutReason(profile, r.sent, r.source != null));
      if (JobHints.permanent(profile, r.sent, lmRefused || f.reasonIfAny().isEmpty())) {
        fail(
            r,
            "the server reported the job failed"
                + reason
                + " (task "
                + r.taskId
                + "; not retried)");
      } else if (r.attempts <= r.step.retries()) {
        r.events.add(
            "task "
                + r.taskId
                + " failed on the server"
                + reason
                + "; resubmitted with the same seed");
        resubmit(r);
      } else {
        fail(
            r,
            "the server reported the job failed"
                + reason
                + " ("
                + r.attempts
                + " attempt(s), task "
                + r.taskId
                + ")");
      }
      return true;
    }
    if (status instanceof TaskStatus.Unknown) {
      lost(r, "server lost task " + r.taskId + " (restarted?)");
      return true;
    }
    collect(r, ((TaskStatus.Succeeded) status).takes());
    return true;
  }

  /**
   * The server no longer has the task (it answers "unknown", or a stale stage while idle): resubmit
   * once.
   */
  private void lost(StepRun r, String why) throws InterruptedException {
    journal.lost(r.step.id(), r.taskId);
    // Losses have their own budget, as large as retries (at least one): a restart is not the job's
    // fault.
    int budget = Math.max(1, r.step.retries());
    if (r.losses < budget) {
      r.losses++;
      r.events.add(why + "; resubmitted (" + r.losses + " of " + budget + ")");
      resubmit(r);
    } else {
      fail(
          r,
          "the server lost task "
              + r.taskId
              + " again after "
              + budget
              + " resubmission(s) ("
              + why
              + ")");
    }
  }

  /**
   * Whether {@code /v1/stats} shows nothing running and nothing queued; asked at most once per poll
   * round.
   */
  private boolean serverIdle() {
    if (idleAskedAt != polls) {
      idleAskedAt = polls;
      try {
        var stats = guard.call(client::stats);
        idleAnswer = stats.running() == 0 && stats.queued() == 0;
      } catch (AceStepException | ServerUnavailableException e) {
        idleAnswer = false; // unknown: never call a job lost on a guess
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancelled = true;
        idleAnswer = false;
      }
    }
    return idleAnswer;
  }

  private void resubmit(StepRun r) throws InterruptedException {
    try {
      submit(r);
    } catch (AceStepException | IllegalArgumentException | UncheckedIOException e) {
      stopIfRefused(e);
      fail(r, "resubmitting failed: " + e.getMessage());
    }
  }

  private boolean checkDeadline(StepRun r) {
    if (clock.instant().isAfter(r.deadline)) {
      fail(
          r,
          "timed out after "
              + r.step.timeout().toSeconds()
              + " s (task "
              + r.taskId
              + ", last stage "
              + r.stage
              + ")");
      return true;
    }
    return false;
  }

  /**
   * Downloads, hashes and probes every take of a finished job; checks each length against the
   * request. A server that cut {@code batch_size} returns fewer takes: the missing ones are asked
   * for again (their own seeds, counted against {@code retries}), else the step fails naming the
   * cut.
   */
  private void collect(StepRun r, List<Take> takes) throws InterruptedException {
    r.stage = "downloading";
    notifyChanged(r);
    List<TakeResult> results = new ArrayList<>();
    String ext = "." + r.sent.audioFormat();
    List<Long> seeds = ServerFacts.seedsSent(r.sent);
    try {
      for (int i = 0; i < takes.size(); i++) {
        Take t = takes.get(i);
        if (t.fileUrl().isEmpty()) {
          r.events.add("take " + i + " came back without a file");
          continue;
        }
        int index = r.collected.size() + results.size();
        Path target = options.takesDir().resolve(r.step.id()).resolve(index + extensionOf(t, ext));
        Files.createDirectories(target.getParent());
        Download d = guard.call(() -> client.download(t.fileUrl(), target));
        AudioInfo info = probe.probe(d.path());
        if (r.expectedSeconds != null
            && Math.abs(info.durationSeconds() - r.expectedSeconds) > DURATION_TOLERANCE_SECONDS) {
          fail(
              r,
              String.format(
                  Locale.ROOT,
                  "take %d: server returned %.1f s, expected %.1f s",
                  index,
                  info.durationSeconds(),
                  r.expectedSeconds));
          return;
        }
        results.add(
            TakeResult.builder(index, d.path(), d.sha256(), d.bytes(), info)
                .serverPath(t.serverPath())
                .fileUrl(t.fileUrl())
                .seedSent(i < seeds.size() ? seeds.get(i) : r.sent.seed())
                .seedReported(t.seedValue())
                .metas(t.metas())
                .ditModel(t.ditModel())
                .lmModel(t.lmModel())
                .prompt(t.prompt())
                .lyrics(t.lyrics())
                .server(client.baseUrl())
                .build());
      }
    } catch (AceStepException e) {
      stopIfRefused(e);
      fail(r, "downloading a take failed: " + e.getMessage());
      return;
    } catch (UncheckedIOException e) {
      // Our own disk (full, read-only): this step fails with the reason; the partial file was
      // removed.
      fail(r, e.getMessage());
      return;
    } catch (IOException e) {
      fail(r, "a downloaded take is not readable audio: " + e.getMessage());
      return;
    }
    if (!ServerFacts.seedsUsed(profile, r.sent, results)) {
      r.seedsIgnored = true;
    }
    r.collected.addAll(results);
    int wanted = r.asked.batchSize();
    if (r.collected.isEmpty()) {
      fail(r, "the server returned no takes (task " + r.taskId + ")");
      return;
    }
    if (r.collected.size() < wanted) {
      int missing = wanted - r.collected.size();
      String cut =
          "the server returned "
              + r.collected.size()
              + " of "
              + wanted
              + " takes (it cuts batch_size to fit"
              + " its GPU tier, or dropped silent takes)";
      if (r.attempts <= r.step.retries()) {
        r.events.add(cut + "; asked again for the " + missing + " missing take(s)");
        r.prepared = missingTakes(r, missing);
        resubmit(r);
      } else {
        fail(
            r,
            cut
                + "; ask for `takes: "
                + r.collected.size()
                + "`, or give the step `retries:` so acepipe asks "
                + "for the missing takes again ("
                + r.attempts
                + " attempt(s), task "
                + r.taskId
                + ")");
      }
      return;
    }
    finishJob(r);
  }

  /**
   * The request for the {@code missing} takes after the ones collected, each with its own seed:
   * from the step's per-take list, else derived from the step's seed with the documented seed
   * function.
   */
  private static TaskRequest missingTakes(StepRun r, int missing) {
    int from = r.collected.size();
    List<Long> seeds = new ArrayList<>();
    for (int i = from; i < from + missing; i++) {
      seeds.add(
          i < r.asked.seeds().size()
              ? r.asked.seeds().get(i)
              : dev.acepipe.store.Seeds.derive(r.asked.seed(), r.step.id(), i));
    }
    return r.asked.toBuilder().batchSize(missing).seeds(seeds).build();
  }

  private void finishJob(StepRun r) throws InterruptedException {
    if (r.seedsIgnored) {
      journal.notReproducible(r.step.id());
      if (!seedsWarned) {
        seedsWarned = true;
        warnings.add(
            "server "
                + client.baseUrl()
                + " did not use the seeds acepipe sent (it reported others"
                + (profile != null && !profile.honoursSeeds()
                    ? "; its generation ignores seeds"
                    : "")
                + "): its renders are not reproducible, and their lock blocks say reproducible: false");
      }
    }
    r.serverUsed = ServerFacts.serverUsed(r.asked, r.collected.get(0), r.expectedSeconds);
    if (!r.serverUsed.isEmpty()) {
      r.events.add("server used " + ServerFacts.describe(r.serverUsed, r.asked, r.expectedSeconds));
    }
    List<TakeResult> results = r.collected;
    if (!r.step.checks().expect().isEmpty()) {
      List<TakeResult> checked = checked(r, List.copyOf(r.collected));
      if (checked == null) {
        return;
      }
      if (checked.stream().noneMatch(TakeResult::passedChecks)) {
        r.collected.clear();
        rerollOrFail(r, checked);
        return;
      }
      results = checked;
    }
    succeed(r, JobHandler.output(r.step.id(), (StepAction.Job) r.action, results));
  }

  private static String extensionOf(Take t, String fallback) {
    String p = t.serverPath();
    int dot = p.lastIndexOf('.');
    int slash = p.lastIndexOf('/');
    return dot > slash && dot >= 0 && p.length() - dot <= 6 ? p.substring(dot) : fallback;
  }

  // ---- take checks (expect: / on_fail:)
  // --------------------------------------------------------------

  /**
   * Measures every take against the step's expect:; null after failing the step when a take cannot
   * be read.
   */
  private List<TakeResult> checked(StepRun r, List<TakeResult> takes) {
    var expect = r.step.checks().expect();
    Integer bpm = r.sent != null ? r.sent.bpm() : null;
    Double expected =
        r.expectedSeconds != null
            ? r.expectedSeconds
            : r.sent != null ? r.sent.audioDuration() : null;
    List<TakeResult> out = new ArrayList<>(takes.size());
    for (TakeResult t : takes) {
      try {
        var measured =
            probe.analyze(
                t.localPath(), TakeChecks.extrasFor(expect), TakeChecks.silenceThreshold(expect));
        out.add(t.withCheck(TakeChecks.evaluate(expect, measured, expected, bpm)));
      } catch (IOException | RuntimeException e) {
        fail(r, "take " + t.index() + " cannot be measured for its checks: " + e.getMessage());
        return null;
      }
    }
    return out;
  }

  /**
   * Every take failed its checks: ask for new takes with new seeds while retries allow, else fail
   * naming them.
   */
  private void rerollOrFail(StepRun r, List<TakeResult> failed) throws InterruptedException {
    String why =
        failed.stream()
            .map(t -> "take " + t.index() + ": " + t.check().describe())
            .collect(java.util.stream.Collectors.joining("; "));
    r.rejected = List.copyOf(failed);
    boolean reroll =
        r.step.checks().onFailOrDefault() == dev.acepipe.dsl.model.Expect.OnFail.REROLL;
    if (!reroll || r.rerolls >= r.step.retries()) {
      fail(
          r,
          "no take passed its checks ("
              + r.step.checks().expect().describe()
              + ")"
              + (r.rerolls > 0 ? " after " + r.rerolls + " reroll(s)" : "")
              + ": "
              + why);
      return;
    }
    r.events.add("no take passed its checks (" + why + "); rerolled with new seeds");
    Optional<StepOutput> hit = nextReroll(r);
    if (hit.isPresent() && settleCached(r, hit.get())) {
      return;
    }
    try {
      StepAction.Job job = (StepAction.Job) r.action;
      JobRequests.Prepared prepared =
          JobRequests.prepare(job, r.source == null ? 0 : r.source.audio().durationSeconds());
      r.expectedSeconds = prepared.expectedSeconds();
      // The hand-off (source and reference path or upload) is decided again on submission.
      r.prepared = prepared.request();
      r.asked = prepared.request();
    } catch (IllegalArgumentException e) {
      fail(r, e.getMessage());
      return;
    }
    resubmit(r);
  }

  /**
   * Moves the step to its next reroll: new action (new seeds), told to the journal; a stored output
   * for it, if any.
   */
  private Optional<StepOutput> nextReroll(StepRun r) {
    r.rerolls++;
    journal.rerolled(r.step.id(), r.rerolls);
    r.action = r.step.resolver().resolve(this::outputOf, r.rerolls);
    return journal.cached(r.step.id(), r.action, this::outputOf);
  }

  /**
   * Takes a stored output, after checking its takes when the step expects something; rerolls
   * through further stored outputs. Returns false when the (rerolled) step must be rendered after
   * all.
   */
  private boolean settleCached(StepRun r, StepOutput hit) throws InterruptedException {
    StepOutput out = hit;
    while (true) {
      if (r.startedAt == null) {
        r.startedAt = clock.instant();
      }
      if (!r.step.checks().expect().isEmpty()) {
        List<TakeResult> takes = checked(r, out.takes());
        if (takes == null) {
          return true;
        }
        if (takes.stream().noneMatch(TakeResult::passedChecks)) {
          String why =
              takes.stream()
                  .map(t -> "take " + t.index() + ": " + t.check().describe())
                  .collect(java.util.stream.Collectors.joining("; "));
          r.rejected = List.copyOf(takes);
          boolean reroll =
              r.step.checks().onFailOrDefault() == dev.acepipe.dsl.model.Expect.OnFail.REROLL;
          if (!reroll || r.rerolls >= r.step.retries()) {
            fail(
                r,
                "no stored take passed its checks ("
                    + r.step.checks().expect().describe()
                    + "): "
                    + why);
            return true;
          }
          r.events.add("no stored take passed its checks (" + why + "); rerolled with new seeds");
          Optional<StepOutput> next = nextReroll(r);
          if (next.isEmpty()) {
            return false;
          }
          out = next.get();
          continue;
        }
        out = new StepOutput(out.stepId(), takes, out.fields());
      }
      r.events.add("reused stored output");
      r.output = out;
      finish(r, StepState.CACHED, null);
      return true;
    }
  }

  private void refreshStats() {
    try {
      dev.acepipe.client.ServerStats stats = guard.call(client::stats);
      interval.informedBy(stats.avgJobSeconds());
      listener.serverStats(stats);
    } catch (AceStepException | ServerUnavailableException e) {
      // Stats only tune the poll interval; a server without them is still usable.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
    }
  }

  // ---- outcomes
  // --------------------------------------------------------------------------------------------

  private StepOutput outputOf(String stepId) {
    StepRun r = runs.get(stepId);
    if (r == null || r.output == null) {
      throw new IllegalArgumentException("step '" + stepId + "' has no output");
    }
    return r.output;
  }

  /**
   * A refused API key (HTTP 401/403) refuses every later call as well: the run stops as it does for
   * an unreachable server, so the CLI exits 4 instead of failing step after step.
   */
  private void stopIfRefused(RuntimeException e) {
    if (e instanceof AceStepException a && (a.httpStatus() == 401 || a.httpStatus() == 403)) {
      throw new ServerUnavailableException(
          client.baseUrl(),
          "the ACE-Step server at "
              + client.baseUrl()
              + " refused the API key ("
              + a.getMessage()
              + "); pass --api-key or set ACESTEP_API_KEY",
          a);
    }
  }

  /**
   * The message a step fails with when something unexpected went wrong: the exception's, or its
   * type.
   */
  private static String messageOf(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "unexpected " + e.getClass().getSimpleName() : m;
  }

  private void succeed(StepRun r, StepOutput produced) {
    StepOutput out = journal.settled(r.step.id(), r.action, produced);
    r.output = out;
    journal.finished(r.step.id(), r.action, out);
    finish(r, StepState.SUCCEEDED, null);
  }

  private void fail(StepRun r, String message) {
    finish(r, StepState.FAILED, message);
    journal.failed(r.step.id());
    for (String d : new TreeSet<>(graph.getDescendants(r.step.id()))) {
      StepRun dr = runs.get(d);
      if (dr.state == StepState.WAITING) {
        dr.skippedBecause = r.step.id();
        finish(dr, StepState.SKIPPED, null);
      }
    }
    if (options.failFast()) {
      stopSubmitting = true;
      skipAllWaiting("--fail-fast after '" + r.step.id() + "' failed");
    }
  }

  private void finish(StepRun r, StepState state, String error) {
    r.state = state;
    r.error = error;
    r.finishedAt = clock.instant();
    if (r.holdsPermit) {
      bulkhead.onComplete();
      r.holdsPermit = false;
    }
    notifyChanged(r);
  }

  private void skipAllWaiting(String why) {
    for (StepRun r : runs.values()) {
      if (r.state == StepState.WAITING) {
        r.events.add("not run: " + why);
        finish(r, StepState.SKIPPED, null);
      }
    }
  }

  private void abandonInFlight(List<String> ids) {
    for (StepRun r : runs.values()) {
      if (r.state == StepState.RUNNING) {
        if (r.taskId != null) {
          ids.add(r.taskId);
        }
        finish(
            r,
            StepState.ABANDONED,
            "left in flight on the server" + (r.taskId == null ? "" : " as task " + r.taskId));
      }
    }
  }

  private void notifyChanged(StepRun r) {
    changes++;
    listener.stepChanged(r.view(clock.instant()));
  }

  private List<StepView> views() {
    Instant now = clock.instant();
    return runs.values().stream().map(r -> r.view(now)).toList();
  }

  private static DirectedAcyclicGraph<String, DefaultEdge> buildGraph(List<ExecStep> steps) {
    DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    Set<String> ids = new TreeSet<>();
    for (ExecStep s : steps) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("step '" + s.id() + "' appears twice");
      }
      g.addVertex(s.id());
    }
    for (ExecStep s : steps) {
      for (String n : s.needs()) {
        if (!ids.contains(n)) {
          throw new IllegalArgumentException(
              "step '" + s.id() + "' needs unknown step '" + n + "'");
        }
        try {
          g.addEdge(n, s.id());
        } catch (IllegalArgumentException cycle) {
          throw new IllegalArgumentException(
              "steps '" + n + "' and '" + s.id() + "' depend on each other (cycle)");
        }
      }
    }
    return g;
  }

  /** The mutable state of one step during the run; only the loop thread touches it. */
  private static final class StepRun {
    final ExecStep step;
    StepState state = StepState.WAITING;
    StepAction action;

    /**
     * What the next submission sends (before the hand-off): the job, or a request for its missing
     * takes.
     */
    TaskRequest prepared;

    /** The job as first prepared: its seed, batch size and what was asked of the server. */
    TaskRequest asked;

    TaskRequest sent;
    TakeResult source;
    AudioRef sourceRef;
    TakeResult reference;
    AudioRef referenceRef;

    /** Takes downloaded so far (several requests when the server cut the batch). */
    final List<TakeResult> collected = new ArrayList<>();

    boolean seedsIgnored;
    Map<String, Object> serverUsed = Map.of();

    /** When the task's stage or progress last changed. */
    Instant stageSince;

    Double expectedSeconds;
    String taskId;
    final List<String> taskIds = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    int attempts;
    int losses;
    boolean holdsPermit;
    String stage = "";
    double progress = -1;
    int queuePosition = -1;
    Instant startedAt;
    Instant finishedAt;
    Instant deadline;
    String error;
    String skippedBecause;
    StepOutput output;

    /** Rerolls for failed checks so far, and the last takes that all failed them. */
    int rerolls;

    List<TakeResult> rejected = List.of();

    StepRun(ExecStep step) {
      this.step = step;
    }

    String kind() {
      return action == null ? "" : action.kind();
    }

    StepView view(Instant now) {
      Duration elapsed =
          startedAt == null
              ? Duration.ZERO
              : Duration.between(startedAt, finishedAt == null ? now : finishedAt);
      return new StepView(
          step.id(),
          kind(),
          state,
          output == null ? 0 : output.takes().size(),
          stage,
          progress,
          queuePosition,
          elapsed,
          attempts,
          error);
    }

    StepReport report() {
      return new StepReport(
          step.id(),
          kind(),
          state,
          error,
          skippedBecause,
          sent,
          taskIds,
          attempts,
          events,
          startedAt,
          finishedAt,
          output == null ? rejected : output.takes(),
          output == null ? Map.of() : output.fields(),
          serverUsed);
    }
  }
}
