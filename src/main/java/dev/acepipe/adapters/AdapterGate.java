package dev.acepipe.adapters;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ServerProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Serializes the jobs of one server around its LoRA adapter set. A LoRA is global state on the
 * server, applied at once even to a job mid-render, so a job may only run while the server has
 * exactly the adapters it asked for, and the set may only change while no job runs.
 *
 * <p>Built for a single-threaded, polling executor loop: {@link #tryAcquire} never blocks and
 * answers {@link Admission.Ready} (submit now), {@link Admission.Wait} (ask again later), {@link
 * Admission.Switch} (no job holds the server and this job's set is next: run {@link
 * #switchAdapters}) or {@link Admission.Fail} (the server cannot give these adapters). Every job
 * that was admitted reports completion with {@link #release}.
 *
 * <p>Policy: a job wanting the loaded set is admitted at once, also while jobs wanting another set
 * wait (no switch is cheaper than the one avoided), but only up to {@code patience} such admissions
 * after another set started waiting, so a steady stream of matching jobs cannot starve the others.
 * When the last holder releases, the set of the oldest waiting job is loaded next and every job
 * waiting for that set is admitted together. A set the server refused once fails every later job
 * wanting it without asking the server again.
 *
 * <p>Thread-safe: {@link #switchAdapters} makes its HTTP calls outside the gate's lock, so it may
 * run on another thread while the loop keeps polling (everyone waits meanwhile).
 */
public final class AdapterGate {
  /** How many matching jobs may overtake a waiting set, unless configured. */
  public static final int DEFAULT_PATIENCE = 16;

  private final LoraSwitch calls;
  private final String server;
  private final int patience;

  /** The set on the server; empty while unknown (before the first check, after a half switch). */
  private Optional<AdapterSet> current;

  /** True once the server is known to have no LoRA routes: only the empty set can run there. */
  private boolean noLoraApi;

  private final Map<String, AdapterSet> holders = new LinkedHashMap<>();

  /** Jobs told to wait, in arrival order: the oldest one's set is loaded next. */
  private final LinkedHashMap<String, AdapterSet> waiters = new LinkedHashMap<>();

  private final Map<AdapterSet, AdapterException> refused = new HashMap<>();
  private final List<GateEvent> log = new ArrayList<>();
  private SwitchPlan switching;
  private boolean executing;
  private int overtaken;

  private AdapterGate(
      AceStepClient client, int patience, Optional<AdapterSet> current, boolean noLoraApi) {
    Objects.requireNonNull(client, "client");
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, was " + patience);
    }
    this.server = client.baseUrl();
    this.patience = patience;
    this.current = current;
    this.noLoraApi = noLoraApi;
    this.calls = new LoraSwitch(client, this::record, this::noApiSeen);
  }

  private synchronized void noApiSeen() {
    noLoraApi = true;
  }

  /**
   * A gate that knows nothing of the server yet: the first job (with or without adapters) reads
   * {@code /v1/lora/status} before it runs, so leftovers of an earlier run are removed.
   */
  public static AdapterGate of(AceStepClient client) {
    return new AdapterGate(client, DEFAULT_PATIENCE, Optional.empty(), false);
  }

  /** As {@link #of}, with another patience (0: never let a matching job overtake a waiting set). */
  public static AdapterGate of(AceStepClient client, int patience) {
    return new AdapterGate(client, patience, Optional.empty(), false);
  }

  /**
   * A gate for a server whose profile is known: one without the LoRA API runs adapter-less jobs
   * without any LoRA call and fails the others at once.
   */
  public static AdapterGate of(AceStepClient client, ServerProfile profile) {
    return profile.loraApi()
        ? of(client)
        : new AdapterGate(client, DEFAULT_PATIENCE, Optional.of(AdapterSet.NONE), true);
  }

  /**
   * Asks whether {@code job} may run now with {@code wanted} loaded. Asking again for a job that
   * already holds its set answers {@link Admission.Ready} again; a job told to wait keeps its place
   * in line.
   */
  public synchronized Admission tryAcquire(String job, AdapterSet wanted) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(wanted, "wanted");
    AdapterSet held = holders.get(job);
    if (held != null) {
      if (!held.equals(wanted)) {
        throw new IllegalStateException(
            "job " + job + " holds adapters " + held + " and asked for " + wanted);
      }
      return new Admission.Ready(job);
    }
    AdapterException known = refused.get(wanted);
    if (known == null && noLoraApi && !wanted.isEmpty()) {
      known = calls.noApi(wanted, "");
    }
    if (known != null) {
      waiters.remove(job);
      return new Admission.Fail(job, known);
    }
    if (switching != null) {
      if (switching.job().equals(job)) {
        return new Admission.Switch(switching);
      }
      waiters.putIfAbsent(job, wanted);
      return new Admission.Wait(job, "server " + server + " is loading LoRA adapters");
    }
    boolean othersWait = waiters.values().stream().anyMatch(s -> !s.equals(wanted));
    if (current.isPresent() && current.get().equals(wanted)) {
      if (othersWait && overtaken >= patience) {
        waiters.putIfAbsent(job, wanted);
        return new Admission.Wait(
            job, "jobs wanting other LoRA adapters go first on server " + server);
      }
      if (othersWait) {
        overtaken++;
      }
      waiters.remove(job);
      holders.put(job, wanted);
      record(GateEvent.Kind.ADMITTED, job, wanted, "");
      return new Admission.Ready(job);
    }
    waiters.putIfAbsent(job, wanted);
    if (!holders.isEmpty()) {
      return new Admission.Wait(
          job,
          holders.size()
              + " job(s) on server "
              + server
              + " use LoRA adapters "
              + current.map(AdapterSet::toString).orElse("(unknown)"));
    }
    AdapterSet next = nextSet();
    if (!next.equals(wanted)) {
      return new Admission.Wait(
          job, "server " + server + " loads LoRA adapters " + next + " first");
    }
    waiters.remove(job);
    overtaken = 0;
    switching = new SwitchPlan(job, current, wanted);
    record(GateEvent.Kind.SWITCH_STARTED, job, wanted, "from " + from(current));
    return new Admission.Switch(switching);
  }

  /**
   * Reports that {@code job} is done with the server (finished, failed or abandoned), or gave up
   * waiting. Releasing a job the gate does not know is a no-op, so a job may be released
   * unconditionally.
   */
  public synchronized void release(String job) {
    waiters.remove(job);
    if (switching != null && switching.job().equals(job) && !executing) {
      // the job was handed a switch it will never run: the next asker may start one
      record(GateEvent.Kind.FAILED, job, switching.to(), "switch abandoned before it started");
      switching = null;
    }
    AdapterSet held = holders.remove(job);
    if (held == null) {
      return;
    }
    record(GateEvent.Kind.RELEASED, job, held, "");
    if (holders.isEmpty() && waiters.values().stream().anyMatch(s -> !s.equals(held))) {
      record(GateEvent.Kind.DRAINED, "", held, "");
    }
  }

  /**
   * Runs {@code plan} (handed out by {@link #tryAcquire}): removes the server's adapters, loads and
   * scales the wanted ones, switches them on, and checks {@code /v1/lora/status}. Blocks for a few
   * HTTP calls. On success the plan's job holds the new set ({@link Admission.Ready}); otherwise
   * {@link Admission.Fail} with the server's reason, and every job wanting the same set will fail
   * the same way unless the failure was transient.
   *
   * @throws IllegalStateException if {@code plan} is not the gate's current switch
   */
  public Admission switchAdapters(SwitchPlan plan) {
    synchronized (this) {
      if (switching != plan || executing) {
        throw new IllegalStateException("not the pending LoRA switch: " + plan);
      }
      executing = true;
    }
    AdapterSet to = plan.to();
    Optional<AdapterSet> after = Optional.empty();
    AdapterException failure = null;
    try {
      after = Optional.of(calls.apply(plan));
    } catch (AdapterException e) {
      failure = e;
      after = calls.cleanUpAfter(e);
    }
    synchronized (this) {
      executing = false;
      switching = null;
      current = after;
      if (failure != null) {
        if (!failure.isTransient()) {
          refused.put(to, failure);
          // they would fail on their next ask anyway; out of line, they cannot block another set
          waiters.values().removeIf(to::equals);
        }
        record(GateEvent.Kind.FAILED, plan.job(), to, failure.serverReason());
        return new Admission.Fail(plan.job(), failure);
      }
      holders.put(plan.job(), to);
      record(GateEvent.Kind.ADMITTED, plan.job(), to, "");
      return new Admission.Ready(plan.job());
    }
  }

  /** The set of the oldest waiting job (every waiter's set is one no server refused yet). */
  private AdapterSet nextSet() {
    return waiters.values().iterator().next();
  }

  private static String from(Optional<AdapterSet> set) {
    return set.map(AdapterSet::toString).orElse("(unknown)");
  }

  private synchronized void record(GateEvent.Kind kind, String job, AdapterSet set, String detail) {
    log.add(new GateEvent(log.size(), kind, job, set, holders.size(), detail));
  }

  /** Every event so far, in order. */
  public synchronized List<GateEvent> log() {
    return List.copyOf(log);
  }

  /** The set the gate knows the server has; empty while it does not know. */
  public synchronized Optional<AdapterSet> loaded() {
    return current;
  }

  /** How many jobs hold the server's adapters. */
  public synchronized int holders() {
    return holders.size();
  }

  /** How many jobs wait for another set (or for a switch to end). */
  public synchronized int waiting() {
    return waiters.size();
  }

  /** The server this gate guards. */
  public String server() {
    return server;
  }
}
