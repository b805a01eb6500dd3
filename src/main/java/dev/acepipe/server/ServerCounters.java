package dev.acepipe.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Request counters of one server, for tests and benchmarks. Thread-safe. */
public final class ServerCounters {
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

  void adapterChange(int runningJobs) {
    adapterChanges.incrementAndGet();
    if (runningJobs > 0) {
      adapterChangesWhileRunning.incrementAndGet();
    }
  }

  void jobAcrossAdapterChange() {
    jobsAcrossAdapterChange.incrementAndGet();
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
