package dev.acepipe.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request counters of one server, and its event log (jobs queued, started and ended; adapter and
 * model changes) in one sequence, for tests and benchmarks. Thread-safe.
 */
public final class ServerCounters {
  /** One entry of the event log. */
  public record Event(long seq, Kind kind, String detail) {
    /** What happened. */
    public enum Kind {
      /** {@code /release_task} queued a job (detail: its task id). */
      JOB_QUEUED,
      /** A worker started rendering a job (detail: its task id). */
      JOB_STARTED,
      /** A job ended, finished or failed (detail: its task id). */
      JOB_ENDED,
      /** A LoRA load, unload, toggle or scale changed the adapter state (detail: what). */
      ADAPTERS_CHANGED,
      /** {@code /v1/init} loaded another model (detail: from and to). */
      MODEL_SWITCHED
    }
  }

  /** How many events are kept: a long-running {@code engine serve} must not grow without bound. */
  static final int EVENTS_KEPT = 100_000;

  private final java.util.ArrayDeque<Event> events = new java.util.ArrayDeque<>();
  private long nextSeq;
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final AtomicLong acceptedTasks = new AtomicLong();
  private final AtomicLong adapterChanges = new AtomicLong();
  private final AtomicLong adapterChangesWhileRunning = new AtomicLong();
  private final AtomicLong jobsAcrossAdapterChange = new AtomicLong();
  private final AtomicLong modelSwitches = new AtomicLong();
  private final AtomicLong modelSwitchesWhileRunning = new AtomicLong();

  void request(String path) {
    requests.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
  }

  void accepted() {
    acceptedTasks.incrementAndGet();
  }

  /** Requests that reached {@code path} (e.g. {@code "/query_result"}), whatever their outcome. */
  public long requests(String path) {
    AtomicLong n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  /** {@code /release_task} calls that created a job. */
  public long acceptedTasks() {
    return acceptedTasks.get();
  }

  /** A sorted copy of every per-path count. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    requests.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private synchronized void event(Event.Kind kind, String detail) {
    events.addLast(new Event(nextSeq++, kind, detail));
    if (events.size() > EVENTS_KEPT) {
      events.removeFirst();
    }
  }

  /** The events so far (the last {@value #EVENTS_KEPT}), in the order they happened. */
  public synchronized java.util.List<Event> events() {
    return java.util.List.copyOf(events);
  }

  void jobQueued(String id) {
    event(Event.Kind.JOB_QUEUED, id);
  }

  void jobStarted(String id) {
    event(Event.Kind.JOB_STARTED, id);
  }

  void jobEnded(String id) {
    event(Event.Kind.JOB_ENDED, id);
  }

  void adapterChange(int runningJobs, String what) {
    event(Event.Kind.ADAPTERS_CHANGED, what);
    adapterChange(runningJobs);
  }

  void adapterChange(int runningJobs) {
    adapterChanges.incrementAndGet();
    if (runningJobs > 0) {
      adapterChangesWhileRunning.incrementAndGet();
    }
  }

  void jobAcrossAdapterChange() {
    jobsAcrossAdapterChange.incrementAndGet();
  }

  void modelSwitch(int runningJobs, String what) {
    event(Event.Kind.MODEL_SWITCHED, what);
    modelSwitch(runningJobs);
  }

  void modelSwitch(int runningJobs) {
    modelSwitches.incrementAndGet();
    if (runningJobs > 0) {
      modelSwitchesWhileRunning.incrementAndGet();
    }
  }

  /** Successful LoRA loads, unloads, toggles and scale changes that changed the adapter state. */
  public long adapterChanges() {
    return adapterChanges.get();
  }

  /**
   * {@link #adapterChanges()} made while at least one job was rendering: what a client must never
   * cause.
   */
  public long adapterChangesWhileRunning() {
    return adapterChangesWhileRunning.get();
  }

  /** Jobs that finished under another adapter state than they started with. */
  public long jobsAcrossAdapterChange() {
    return jobsAcrossAdapterChange.get();
  }

  /** {@code POST /v1/init} calls that loaded a model. */
  public long modelSwitches() {
    return modelSwitches.get();
  }

  /** {@link #modelSwitches()} made while at least one job was rendering. */
  public long modelSwitchesWhileRunning() {
    return modelSwitchesWhileRunning.get();
  }
}
