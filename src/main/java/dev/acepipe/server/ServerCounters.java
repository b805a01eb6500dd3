package dev.acepipe.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Request counters of one server, for tests and benchmarks. Thread-safe. */
public final class ServerCounters {
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final AtomicLong acceptedTasks = new AtomicLong();

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
}
