package dev.acepipe.exec;

import dev.acepipe.store.Hashes;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.Download;
import dev.acepipe.album.Selection;
import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import dev.acepipe.client.FormatResult;
import dev.acepipe.client.RandomSample;
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
 * <p>One loop thread does everything, in ticks: submit every step whose inputs exist (jobs only while the
 * server's Bulkhead has a permit; format, random and import run at once), wait the {@link PollInterval}, then ask
 * {@code /query_result} about <em>all</em> in-flight tasks in one request and act on each answer — download and
 * probe the takes of finished jobs, resubmit failed jobs up to the step's {@code retries} with the same seed,
 * resubmit a task the server lost (up to {@code retries} times, at least once), fail a step past its timeout. A failed step skips its descendants;
 * independent branches go on unless {@link Options#failFast()}. Every server call goes through the
 * {@link ServerGuard} (Retry + CircuitBreaker).
 *
 * <p>{@link #run} is called once, on one thread; {@link #cancel} may be called from any thread (the CLI's Ctrl-C
 * hook): the loop stops submitting, leaves the in-flight tasks to the server and reports their ids.
 */
public final class Executor {

  /**
   * @param takesDir where downloaded takes go ({@code <run dir>/takes}); one folder per step
   * @param failFast stop submitting after the first failed step
   * @param statsEvery ask {@code /v1/stats} for {@code avg_job_seconds} every this many polls (0 = never)
   */
  public record Options(Path takesDir, boolean failFast, int statsEvery) {
    public Options {
      Objects.requireNonNull(takesDir, "takesDir");
      if (statsEvery < 0) {
        throw new IllegalArgumentException("statsEvery must be >= 0, was " + statsEvery);
      }
    }

    public static Options in(Path takesDir) {
      return new Options(takesDir, false, 10);
    }

    public Options withFailFast(boolean v) {
      return new Options(takesDir, v, statsEvery);
    }
  }

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
    this.guard = new ServerGuard(client, policies, clock, sleeper, Objects.requireNonNull(listener, "listener"));
    this.bulkhead = policies.bulkhead(client.baseUrl());
    this.probe = Objects.requireNonNull(probe, "probe");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Asks the running loop to stop: nothing new is submitted; in-flight task ids are reported. Thread-safe. */
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
        outcome, client.baseUrl(), error, reports, inFlight, started, clock.instant(), guard.calls(), polls);
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
          // Only reachable if a need can never be met; the graph check rules it out, but never spin.
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
      if (options.statsEvery() > 0 && (polls % options.statsEvery() == 0 || (changed && !interval.informed()))) {
        refreshStats();
      }
      listener.tick(views());
    }
  }

  // ---- submitting ------------------------------------------------------------------------------------------

  private void submitReady() throws InterruptedException {
    for (StepRun r : runs.values()) {
      if (cancelled || stopSubmitting) {
        return;
      }
      if (r.state != StepState.WAITING || !inputsReady(r)) {
        continue;
      }
      if (r.action == null) {
        try {
          r.action = r.step.resolver().resolve(this::outputOf);
        } catch (RuntimeException e) {
          fail(r, messageOf(e));
          continue;
        }
        Optional<StepOutput> hit;
        try {
          // Inside the step's error handling: a lookup that throws fails this step, never the run.
          hit = journal.cached(r.step.id(), r.action, this::outputOf);
        } catch (RuntimeException e) {
          fail(r, messageOf(e));
          continue;
        }
        if (hit.isPresent()) {
          r.events.add("reused stored output");
          r.output = hit.get();
          r.startedAt = clock.instant();
          finish(r, StepState.CACHED, null);
          continue;
        }
      }
      if (r.action instanceof StepAction.Job job) {
        if (!bulkhead.tryAcquirePermission()) {
          continue; // a later sync step may still run; jobs wait for a slot
        }
        r.holdsPermit = true;
        startJob(r, job);
      } else {
        runSync(r);
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
      StepOutput out;
      if (r.action instanceof StepAction.Format f) {
        out = formatOutput(r, guard.call(() -> client.formatInput(f.request())));
      } else if (r.action instanceof StepAction.Random rs) {
        out = randomOutput(r, guard.call(() -> client.randomSample(rs.sampleType())));
      } else if (r.action instanceof StepAction.Import im) {
        out = importOutput(r, im.file());
      } else if (r.action instanceof StepAction.Select sel) {
        out = selectOutput(r.step.id(), sel, this::outputOf, selector);
      } else {
        throw new IllegalStateException("jobs are not synchronous");
      }
      succeed(r, out);
    } catch (AceStepException | IllegalArgumentException e) {
      stopIfRefused(e);
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

  /** Picks one of the candidate takes; it becomes take 0 of this step, still on the server where it was. */
  static StepOutput selectOutput(String stepId, StepAction.Select sel, Upstream upstream, TakeSelector selector)
      throws IOException, SelectionException {
    List<dev.acepipe.album.Take> candidates = new ArrayList<>();
    List<TakeResult> results = new ArrayList<>();
    for (AudioRef ref : sel.candidates()) {
      TakeResult t = upstream.output(ref.stepId()).take(ref.take());
      results.add(t);
      candidates.add(dev.acepipe.album.Take.of(PlanSteps.candidateId(ref), t.localPath(), t.audio().durationSeconds()));
    }
    Selection chosen = selector.select(candidates, sel.rule());
    TakeResult picked = results.get(chosen.position());
    TakeResult asOwn =
        new TakeResult(0, picked.serverPath(), picked.fileUrl(), picked.localPath(), picked.sha256(), picked.bytes(),
            picked.audio(), picked.seedSent(), picked.seedReported(), picked.metas(), picked.ditModel(),
            picked.lmModel(), picked.prompt(), picked.lyrics());
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("duration", picked.audio().durationSeconds());
    fields.put("file", picked.localPath().toString());
    fields.put("selected", chosen.take().id());
    fields.put("reason", chosen.reason());
    return new StepOutput(stepId, List.of(asOwn), fields);
  }

  private StepOutput formatOutput(StepRun r, FormatResult f) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("caption", f.caption());
    fields.put("lyrics", f.lyrics());
    fields.put("bpm", f.bpm());
    fields.put("key", f.keyScale());
    fields.put("time_signature", f.timeSignature());
    fields.put("duration", f.duration());
    fields.put("language", f.language());
    return new StepOutput(r.step.id(), List.of(), fields);
  }

  private StepOutput randomOutput(StepRun r, RandomSample s) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("description", s.description());
    fields.put("instrumental", s.instrumental());
    fields.put("caption", s.caption());
    fields.put("lyrics", s.lyrics());
    fields.put("bpm", s.bpm());
    fields.put("duration", s.duration());
    fields.put("key", s.keyScale());
    fields.put("time_signature", s.timeSignature());
    fields.put("language", s.language());
    return new StepOutput(r.step.id(), List.of(), fields);
  }

  private StepOutput importOutput(StepRun r, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("import: no such file " + file);
    }
    AudioInfo info = probe.probe(file);
    TakeResult take =
        new TakeResult(
            0, "", "", file, Hashes.sha256Hex(file), Files.size(file), info, 0, "", null, "", "", null, null);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("duration", info.durationSeconds());
    fields.put("file", file.toString());
    return new StepOutput(r.step.id(), List.of(take), fields);
  }

  /** Resolves the source, builds the request, hands the audio off and submits; failures fail the step. */
  private void startJob(StepRun r, StepAction.Job job) throws InterruptedException {
    r.state = StepState.RUNNING;
    r.startedAt = clock.instant();
    r.deadline = r.startedAt.plus(r.step.timeout());
    try {
      TakeResult source = job.source() == null ? null : outputOf(job.source().stepId()).take(job.source().take());
      double sourceSeconds = source == null ? 0 : source.audio().durationSeconds();
      JobRequests.Prepared prepared = JobRequests.prepare(job, sourceSeconds);
      r.expectedSeconds = prepared.expectedSeconds();
      r.prepared = prepared.request();
      if (job.reference() != null) {
        TakeResult ref = outputOf(job.reference().stepId()).take(job.reference().take());
        if (!ref.onServer() || !guard.call(() -> client.probe(ref.serverPath()))) {
          throw new IllegalArgumentException(
              "reference audio " + job.reference() + " is not on the server; only server takes can be references");
        }
        r.prepared = r.prepared.toBuilder().referenceAudioPath(ref.serverPath()).build();
      }
      r.source = source;
      Optional<String> earlier = journal.reattach(r.step.id());
      if (earlier.isPresent()) {
        reattach(r, earlier.get());
      } else {
        submit(r);
      }
    } catch (AceStepException | IllegalArgumentException | UncheckedIOException e) {
      stopIfRefused(e);
      fail(r, e.getMessage());
    } catch (ServerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      fail(r, messageOf(e));
    }
  }

  /**
   * Follows a task an earlier (killed) run submitted for this exact step instead of submitting it again. Counts as
   * the first attempt; if the server answers "unknown task", the usual lost-task handling submits anew.
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
   * Hands the source off (server path if the server still has it, else upload) and submits {@code r.prepared}.
   * Also used for resubmissions, which repeat the hand-off: a restarted server may have lost the file.
   */
  private void submit(StepRun r) throws InterruptedException {
    TaskRequest request = r.prepared;
    Submission sub;
    if (r.source == null) {
      sub = guard.call(() -> client.submit(request));
    } else if (r.source.onServer() && guard.call(() -> client.probe(r.source.serverPath()))) {
      TaskRequest withPath = request.toBuilder().srcAudioPath(r.source.serverPath()).build();
      r.sent = withPath;
      sub = guard.call(() -> client.submit(withPath));
    } else {
      if (r.source.onServer()) {
        r.events.add("source " + r.source.serverPath() + " is gone from the server; uploaded the local copy");
      }
      sub = guard.call(() -> client.submitWithUpload(request, r.source.localPath()));
      r.sent = request;
    }
    if (r.source == null) {
      r.sent = request;
    }
    r.attempts++;
    r.taskId = sub.taskId();
    r.taskIds.add(sub.taskId());
    r.queuePosition = sub.queuePosition();
    r.stage = "queued";
    r.progress = 0;
    journal.submitted(r.step.id(), sub.taskId(), r.attempts);
    notifyChanged(r);
  }

  // ---- polling ---------------------------------------------------------------------------------------------

  private List<StepRun> inFlight() {
    return runs.values().stream().filter(r -> r.state == StepState.RUNNING && r.taskId != null).toList();
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
      // A refusal (bad key, bad request) will not change by asking again: the tasks cannot be followed.
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
        // An unexpected error while finishing one step (download, store, lock check) fails that step only.
        fail(r, messageOf(e));
        changed = true;
      }
    }
    return changed;
  }

  private boolean handle(StepRun r, TaskStatus status) throws InterruptedException {
    if (status instanceof TaskStatus.Pending p) {
      boolean stageChanged = !Objects.equals(r.stage, p.stage());
      r.stage = p.stage();
      r.progress = p.progress();
      if (stageChanged) {
        notifyChanged(r);
      }
      return checkDeadline(r) || stageChanged;
    }
    if (status instanceof TaskStatus.PresumedTimedOut) {
      // The server stopped reporting, but the job may still finish: only our own deadline ends it.
      boolean first = !"presumed timed out".equals(r.stage);
      r.stage = "presumed timed out";
      if (first) {
        r.events.add("server presumed task " + r.taskId + " timed out; still polling until the step's timeout");
        notifyChanged(r);
      }
      return checkDeadline(r) || first;
    }
    if (status instanceof TaskStatus.Failed f) {
      String reason = f.reasonIfAny().map(s -> ": " + s).orElse("");
      if (r.attempts <= r.step.retries()) {
        r.events.add("task " + r.taskId + " failed on the server" + reason + "; resubmitted with the same seed");
        resubmit(r);
      } else {
        fail(r, "the server reported the job failed" + reason + " (" + r.attempts + " attempt(s), task "
            + r.taskId + ")");
      }
      return true;
    }
    if (status instanceof TaskStatus.Unknown) {
      journal.lost(r.step.id(), r.taskId);
      // Losses have their own budget, as large as retries (at least one): a restart is not the job's fault.
      int budget = Math.max(1, r.step.retries());
      if (r.losses < budget) {
        r.losses++;
        r.events.add("server lost task " + r.taskId + " (restarted?); resubmitted (" + r.losses + " of " + budget + ")");
        resubmit(r);
      } else {
        fail(r, "the server lost task " + r.taskId + " again after " + budget + " resubmission(s)");
      }
      return true;
    }
    collect(r, ((TaskStatus.Succeeded) status).takes());
    return true;
  }

  private void resubmit(StepRun r) throws InterruptedException {
    try {
      submit(r);
    } catch (AceStepException | UncheckedIOException e) {
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

  /** Downloads, hashes and probes every take of a finished job; checks each length against the request. */
  private void collect(StepRun r, List<Take> takes) throws InterruptedException {
    r.stage = "downloading";
    notifyChanged(r);
    List<TakeResult> results = new ArrayList<>();
    String ext = "." + r.sent.audioFormat();
    try {
      for (int i = 0; i < takes.size(); i++) {
        Take t = takes.get(i);
        if (t.fileUrl().isEmpty()) {
          r.events.add("take " + i + " came back without a file");
          continue;
        }
        int index = results.size();
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
            new TakeResult(
                index,
                t.serverPath(),
                t.fileUrl(),
                d.path(),
                d.sha256(),
                d.bytes(),
                info,
                r.sent.seed(),
                t.seedValue(),
                t.metas(),
                t.ditModel(),
                t.lmModel(),
                t.prompt(),
                t.lyrics()));
      }
    } catch (AceStepException e) {
      stopIfRefused(e);
      fail(r, "downloading a take failed: " + e.getMessage());
      return;
    } catch (UncheckedIOException e) {
      // Our own disk (full, read-only): this step fails with the reason; the partial file was removed.
      fail(r, e.getMessage());
      return;
    } catch (IOException e) {
      fail(r, "a downloaded take is not readable audio: " + e.getMessage());
      return;
    }
    if (results.isEmpty()) {
      fail(r, "the server returned no takes (task " + r.taskId + ")");
      return;
    }
    succeed(r, jobOutput(r, results));
  }

  private static String extensionOf(Take t, String fallback) {
    String p = t.serverPath();
    int dot = p.lastIndexOf('.');
    int slash = p.lastIndexOf('/');
    return dot > slash && dot >= 0 && p.length() - dot <= 6 ? p.substring(dot) : fallback;
  }

  private StepOutput jobOutput(StepRun r, List<TakeResult> takes) {
    TakeResult first = takes.get(0);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("caption", nonBlankOr(first.prompt(), r.sent.prompt()));
    fields.put("lyrics", nonBlankOr(first.lyrics(), r.sent.lyrics()));
    // Typed as Object: a Double/Integer conditional would unbox a missing value into an NPE.
    Object bpm = first.metas().bpm() != null ? (Object) first.metas().bpm() : r.sent.bpm();
    fields.put("bpm", bpm);
    fields.put("key", first.metas().keyScale() != null ? first.metas().keyScale() : r.sent.keyScale());
    fields.put("duration", first.audio().durationSeconds());
    fields.put("seed", r.sent.seed());
    fields.put("file", first.localPath().toString());
    return new StepOutput(r.step.id(), takes, fields);
  }

  private static String nonBlankOr(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
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

  // ---- outcomes --------------------------------------------------------------------------------------------

  private StepOutput outputOf(String stepId) {
    StepRun r = runs.get(stepId);
    if (r == null || r.output == null) {
      throw new IllegalArgumentException("step '" + stepId + "' has no output");
    }
    return r.output;
  }

  /**
   * A refused API key (HTTP 401/403) refuses every later call as well: the run stops as it does for an unreachable
   * server, so the CLI exits 4 instead of failing step after step.
   */
  private void stopIfRefused(RuntimeException e) {
    if (e instanceof AceStepException a && (a.httpStatus() == 401 || a.httpStatus() == 403)) {
      throw new ServerUnavailableException(client.baseUrl(), "the ACE-Step server at " + client.baseUrl()
          + " refused the API key (" + a.getMessage() + "); pass --api-key or set ACESTEP_API_KEY", a);
    }
  }

  /** The message a step fails with when something unexpected went wrong: the exception's, or its type. */
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
        finish(r, StepState.ABANDONED, "left in flight on the server" + (r.taskId == null ? "" : " as task " + r.taskId));
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
          throw new IllegalArgumentException("step '" + s.id() + "' needs unknown step '" + n + "'");
        }
        try {
          g.addEdge(n, s.id());
        } catch (IllegalArgumentException cycle) {
          throw new IllegalArgumentException("steps '" + n + "' and '" + s.id() + "' depend on each other (cycle)");
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
    TaskRequest prepared;
    TaskRequest sent;
    TakeResult source;
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

    StepRun(ExecStep step) {
      this.step = step;
    }

    String kind() {
      return action == null ? "" : action.kind();
    }

    StepView view(Instant now) {
      Duration elapsed =
          startedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt == null ? now : finishedAt);
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
          output == null ? List.of() : output.takes(),
          output == null ? Map.of() : output.fields());
    }
  }
}
