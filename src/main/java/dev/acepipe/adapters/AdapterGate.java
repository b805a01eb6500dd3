package dev.acepipe.adapters;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ServerProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Serializes the jobs of one server around its setup: the LoRA adapter set and, where the run
 * switches models, the loaded DiT model. Both are global server state ({@code /v1/lora/*} apply at
 * once, even to a job mid-render; {@code /v1/init} changes the model of every later job), so a job
 * may only run while the server has exactly the setup it asked for, and the setup may only change
 * while no job holds the server.
 *
 * <p>Built for a single-threaded, polling executor loop: {@link #tryAcquire} never blocks and
 * answers {@link Admission.Ready} (submit now), {@link Admission.Wait} (ask again later), {@link
 * Admission.Switch} (no job holds the server and this job's setup is next: run {@link
 * #switchAdapters}) or {@link Admission.Fail} (the server cannot give this setup). Every job that
 * was admitted reports completion with {@link #release}.
 *
 * <p>Policy: a job whose setup the server has is admitted at once, also while jobs wanting another
 * setup wait (no switch is cheaper than the one avoided), but only up to {@code patience} such
 * admissions after another setup started waiting, so a steady stream of matching jobs cannot starve
 * the others. Jobs the caller reports as ready but not yet asking (they wait for a slot of the
 * server) count as matching jobs too: a job wanting another setup does not switch the server away
 * from them. When the last holder releases, the setup of the oldest waiting job is loaded next and
 * every job waiting for that setup is admitted together. An adapter set or model the server refused
 * once fails every later job wanting it without asking the server again.
 *
 * <p>Thread-safe: {@link #switchAdapters} makes its HTTP calls outside the gate's lock, so it may
 * run on another thread while the loop keeps polling (everyone waits meanwhile).
 */
public final class AdapterGate {
  /** How many matching jobs may overtake a waiting setup, unless configured. */
  public static final int DEFAULT_PATIENCE = 16;

  private final LoraSwitch calls;
  private final ModelSwitch modelCalls;
  private final String server;
  private final int patience;

  /** The set on the server; empty while unknown (before the first check, after a half switch). */
  private Optional<AdapterSet> current;

  /** The model the gate made sure of; empty while unknown (no job asked for one yet). */
  private Optional<String> currentModel = Optional.empty();

  /** True once the server is known to have no LoRA routes: only the empty set can run there. */
  private boolean noLoraApi;

  private final Map<String, Setup> holders = new LinkedHashMap<>();

  /** Jobs told to wait, in arrival order: the oldest one's setup is loaded next. */
  private final LinkedHashMap<String, Setup> waiters = new LinkedHashMap<>();

  private final Map<AdapterSet, AdapterException> refused = new HashMap<>();
  private final Map<String, AdapterException> refusedModels = new HashMap<>();
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
    this.modelCalls = new ModelSwitch(client, this::record);
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

  /** As {@link #tryAcquire(String, Setup, Collection)} for adapters on whatever model is loaded. */
  public Admission tryAcquire(String job, AdapterSet wanted) {
    return tryAcquire(job, Setup.of(wanted), List.of());
  }

  /**
   * Asks whether {@code job} may run now with {@code wanted} in place. Asking again for a job that
   * already holds its setup answers {@link Admission.Ready} again; a job told to wait keeps its
   * place in line.
   *
   * @param ready the setups of other jobs of this server that could run now but wait for a slot
   *     (they do not ask yet): the server is not switched away from a setup one of them wants
   */
  public synchronized Admission tryAcquire(String job, Setup wanted, Collection<Setup> ready) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(wanted, "wanted");
    Setup held = holders.get(job);
    if (held != null) {
      if (!held.equals(wanted)) {
        throw new IllegalStateException(
            "job " + job + " holds " + held + " and asked for " + wanted);
      }
      return new Admission.Ready(job);
    }
    AdapterException known = refusedFor(wanted);
    if (known != null) {
      waiters.remove(job);
      return new Admission.Fail(job, known);
    }
    if (switching != null) {
      if (switching.job().equals(job)) {
        return new Admission.Switch(switching);
      }
      waiters.putIfAbsent(job, wanted);
      return new Admission.Wait(job, "server " + server + " is changing its setup");
    }
    boolean othersWait = waiters.values().stream().anyMatch(s -> !met(s));
    if (met(wanted)) {
      if (othersWait && overtaken >= patience) {
        waiters.putIfAbsent(job, wanted);
        return new Admission.Wait(job, "jobs wanting another setup go first on server " + server);
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
              + " use "
              + holders.values().iterator().next());
    }
    if (overtaken < patience && ready.stream().anyMatch(this::met)) {
      return new Admission.Wait(
          job, "jobs waiting for a slot of server " + server + " use its loaded setup");
    }
    Setup next = waiters.values().iterator().next();
    if (!next.equals(wanted)) {
      return new Admission.Wait(job, "server " + server + " changes to " + next + " first");
    }
    waiters.remove(job);
    overtaken = 0;
    switching = new SwitchPlan(job, current, currentModel, wanted);
    record(
        GateEvent.Kind.SWITCH_STARTED,
        job,
        wanted,
        "from " + from(current) + currentModel.map(m -> " on model " + m).orElse(""));
    return new Admission.Switch(switching);
  }

  /** Whether the server, as far as the gate knows, has {@code setup} in place. */
  private boolean met(Setup setup) {
    return current.isPresent() && setup.metBy(currentModel, current.get());
  }

  private AdapterException refusedFor(Setup wanted) {
    AdapterException known = refused.get(wanted.adapters());
    if (known == null && wanted.model().isPresent()) {
      known = refusedModels.get(wanted.model().get());
    }
    if (known == null && noLoraApi && !wanted.adapters().isEmpty()) {
      known = calls.noApi(wanted.adapters(), "");
    }
    return known;
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
      record(GateEvent.Kind.FAILED, job, switching.setup(), "switch abandoned before it started");
      switching = null;
    }
    Setup held = holders.remove(job);
    if (held == null) {
      return;
    }
    record(GateEvent.Kind.RELEASED, job, held, "");
    if (holders.isEmpty() && waiters.values().stream().anyMatch(s -> !s.equals(held))) {
      record(GateEvent.Kind.DRAINED, "", held, "");
    }
  }

  /**
   * Runs {@code plan} (handed out by {@link #tryAcquire}): makes sure of the wanted model ({@code
   * /v1/init} when the server does not report it loaded), then removes the server's adapters, loads
   * and scales the wanted ones, switches them on, and checks {@code /v1/lora/status}. Blocks for a
   * few HTTP calls (a model load may take minutes). On success the plan's job holds the new setup
   * ({@link Admission.Ready}); otherwise {@link Admission.Fail} with the server's reason, and every
   * job wanting the same adapter set or model will fail the same way unless the failure was
   * transient.
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
    Optional<AdapterSet> after = plan.from();
    Optional<String> modelAfter = plan.fromModel();
    AdapterException failure = null;
    try {
      SwitchPlan lora = plan;
      if (plan.changesModel()) {
        String model = plan.toModel().get();
        modelAfter = Optional.empty();
        boolean initialised = modelCalls.apply(plan.job(), model, plan.setup());
        modelAfter = Optional.of(model);
        if (initialised) {
          // a new model in the slot: what it holds of adapters is the server's to say
          after = Optional.empty();
          lora = new SwitchPlan(plan.job(), after, modelAfter, plan.setup());
        }
      }
      if (lora.changesAdapters()) {
        after = Optional.empty();
        after = Optional.of(calls.apply(lora));
      }
    } catch (AdapterException e) {
      failure = e;
      // after a failed load the slot may hold anything: the next switch looks first
      after = e.model().isEmpty() ? calls.cleanUpAfter(e) : Optional.empty();
    }
    synchronized (this) {
      executing = false;
      switching = null;
      current = after;
      currentModel = modelAfter;
      if (failure != null) {
        if (!failure.isTransient()) {
          Optional<String> model = failure.model();
          if (model.isPresent()) {
            refusedModels.put(model.get(), failure);
            waiters.values().removeIf(s -> s.model().equals(model));
          } else {
            refused.put(to, failure);
            // they would fail on their next ask anyway; out of line, they cannot block another set
            waiters.values().removeIf(s -> s.adapters().equals(to));
          }
        }
        record(GateEvent.Kind.FAILED, plan.job(), plan.setup(), failure.serverReason());
        return new Admission.Fail(plan.job(), failure);
      }
      holders.put(plan.job(), plan.setup());
      record(GateEvent.Kind.ADMITTED, plan.job(), plan.setup(), "");
      return new Admission.Ready(plan.job());
    }
  }

  private static String from(Optional<AdapterSet> set) {
    return set.map(AdapterSet::toString).orElse("(unknown)");
  }

  private synchronized void record(GateEvent.Kind kind, String job, Setup setup, String detail) {
    log.add(new GateEvent(log.size(), kind, job, setup, holders.size(), detail));
  }

  /** Every event so far, in order. */
  public synchronized List<GateEvent> log() {
    return List.copyOf(log);
  }

  /** The set the gate knows the server has; empty while it does not know. */
  public synchronized Optional<AdapterSet> loaded() {
    return current;
  }

  /** The model the gate made sure the server has; empty while no job asked for one. */
  public synchronized Optional<String> loadedModel() {
    return currentModel;
  }

  /** How many jobs hold the server's setup. */
  public synchronized int holders() {
    return holders.size();
  }

  /** How many jobs wait for another setup (or for a switch to end). */
  public synchronized int waiting() {
    return waiters.size();
  }

  /** The server this gate guards. */
  public String server() {
    return server;
  }
}
