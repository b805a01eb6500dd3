package dev.acepipe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The in-memory job store and the waiting queue, which the {@link JobWorkers} render from.
 * Thread-safe.
 *
 * <p>At most {@code queueMax} jobs wait; running jobs do not count. Finished jobs stay in the store
 * for the life of the server; {@link #forgetUnfinished()} drops queued and running ones as a
 * restart would.
 */
final class JobQueue implements AutoCloseable {
  /** How many recent job durations {@code avg_job_seconds} averages. */
  private static final int AVERAGE_WINDOW = 50;

  private final EmbeddedServerConfig config;
  private final JobItems items;

  /** Where job records outlive the process, or {@code null}. */
  private final JobJournal journal;

  private final Clock clock;
  private final Map<String, Job> store = new ConcurrentHashMap<>();
  private final LinkedBlockingDeque<Job> waiting = new LinkedBlockingDeque<>();
  private final Deque<Double> recentSeconds = new ArrayDeque<>();
  private final Object lock = new Object();
  private volatile boolean closed;

  /**
   * A queue answering items in the configured profile's shape, with a journal in the configured
   * state dir, if any.
   *
   * @throws IOException if the state dir cannot be read or created
   */
  JobQueue(EmbeddedServerConfig config, Wire wire, ObjectMapper json) throws IOException {
    this.config = config;
    this.clock = config.clock();
    this.items = new JobItems(wire, config.profile());
    this.journal =
        config.stateDir() == null ? null : JobJournal.open(config.stateDir(), json, clock);
  }

  /**
   * Queues a job; empty when the waiting queue is full. Returns the job and its 1-based queue
   * position. {@code temporaryFiles} (saved uploads) are deleted when the job ends.
   */
  Optional<Submitted> submit(JobSpec spec, List<Path> temporaryFiles) {
    synchronized (lock) {
      if (waiting.size() >= config.queueMax()) {
        return Optional.empty();
      }
      Job job = new Job(UUID.randomUUID().toString(), spec, clock.millis());
      job.temporaryFiles = List.copyOf(temporaryFiles);
      store.put(job.id, job);
      waiting.addLast(job);
      return Optional.of(new Submitted(job, waiting.size()));
    }
  }

  record Submitted(Job job, int queuePosition) {}

  /** The job with this id, or empty when the server never saw it (or forgot it). */
  Optional<Job> find(String id) {
    return Optional.ofNullable(store.get(id));
  }

  /**
   * The {@code /query_result} item of {@code id}: a live job, else a restored record, else
   * "unknown".
   */
  com.fasterxml.jackson.databind.node.ObjectNode item(String id) {
    Job job = store.get(id);
    if (job != null) {
      return items.item(job, positionOf(job));
    }
    if (journal != null) {
      Optional<com.fasterxml.jackson.databind.node.ObjectNode> restored = journal.restored(id);
      if (restored.isPresent()) {
        return restored.get();
      }
    }
    return items.unknown(id);
  }

  /** 1-based position of a queued job in the waiting queue, 0 when it is not waiting. */
  int positionOf(Job job) {
    int i = 1;
    for (Job waitingJob : waiting) {
      if (waitingJob == job) {
        return i;
      }
      i++;
    }
    return 0;
  }

  /**
   * Drops every queued and running job, as a server restart would; returns how many were dropped.
   */
  int forgetUnfinished() {
    synchronized (lock) {
      waiting.clear();
      int n = 0;
      for (Job job : List.copyOf(store.values())) {
        if (!job.finished()) {
          job.forgotten = true;
          store.remove(job.id);
          n++;
        }
      }
      return n;
    }
  }

  /** The counts and timing {@code /v1/stats} reports. */
  Stats stats() {
    Map<Job.State, Long> counts =
        store.values().stream().collect(Collectors.groupingBy(j -> j.state, Collectors.counting()));
    double avg;
    synchronized (recentSeconds) {
      avg = recentSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
    return new Stats(
        store.size(),
        counts.getOrDefault(Job.State.QUEUED, 0L),
        counts.getOrDefault(Job.State.RUNNING, 0L),
        counts.getOrDefault(Job.State.SUCCEEDED, 0L),
        counts.getOrDefault(Job.State.FAILED, 0L),
        waiting.size(),
        avg);
  }

  record Stats(
      long total,
      long queued,
      long running,
      long succeeded,
      long failed,
      int queueSize,
      double avgJobSeconds) {}

  /** The next job to render, or null after a short wait for one. */
  Job next() throws InterruptedException {
    return waiting.pollFirst(200, TimeUnit.MILLISECONDS);
  }

  /** Counts a finished job's time into {@code avg_job_seconds}. */
  void recordSeconds(double seconds) {
    synchronized (recentSeconds) {
      recentSeconds.addLast(seconds);
      while (recentSeconds.size() > AVERAGE_WINDOW) {
        recentSeconds.removeFirst();
      }
    }
  }

  /** Saves the job's record to the journal, unless the server is stopping or forgot the job. */
  void persist(Job job) {
    if (journal != null && !closed && !job.forgotten) {
      journal.save(items.item(job, 0), job.submittedMillis);
    }
  }

  /** Stops saving job records: what a job held when the server stopped is its last record. */
  @Override
  public void close() {
    closed = true;
  }
}
