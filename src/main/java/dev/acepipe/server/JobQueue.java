package dev.acepipe.server;

import dev.acepipe.server.synth.RenderedTake;
import dev.acepipe.server.synth.SynthRequest;
import dev.acepipe.server.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory job store, the waiting queue and the workers that render jobs. Thread-safe.
 *
 * <p>At most {@code queueMax} jobs wait; running jobs do not count. Finished jobs stay in the store for the life of
 * the server; {@link #forgetUnfinished()} drops queued and running ones as a restart would.
 */
final class JobQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
  /** How many recent job durations {@code avg_job_seconds} averages. */
  private static final int AVERAGE_WINDOW = 50;

  private final EmbeddedServerConfig config;
  private final Faults faults;
  private final AudioPaths paths;
  private final Synthesizer synth;
  private final Clock clock;
  private final Map<String, Job> store = new ConcurrentHashMap<>();
  private final LinkedBlockingDeque<Job> waiting = new LinkedBlockingDeque<>();
  private final Deque<Double> recentSeconds = new ArrayDeque<>();
  private final Random randomSeeds = new SecureRandom();
  private final List<Thread> workers = new ArrayList<>();
  private final Object lock = new Object();
  private volatile boolean closed;

  JobQueue(EmbeddedServerConfig config, Faults faults, AudioPaths paths) {
    this.config = config;
    this.faults = faults;
    this.paths = paths;
    this.synth = config.synthesizer();
    this.clock = config.clock();
  }

  void start() {
    for (int i = 0; i < config.workers(); i++) {
      Thread t = new Thread(this::work, "acepipe-server-worker-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Queues a job; empty when the waiting queue is full. Returns the job and its 1-based queue position. */
  Optional<Submitted> submit(JobSpec spec) {
    synchronized (lock) {
      if (waiting.size() >= config.queueMax()) {
        return Optional.empty();
      }
      Job job = new Job(UUID.randomUUID().toString(), spec, clock.millis());
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

  /** Drops every queued and running job, as a server restart would; returns how many were dropped. */
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
      long total, long queued, long running, long succeeded, long failed, int queueSize, double avgJobSeconds) {}

  private void work() {
    while (!closed) {
      Job job;
      try {
        job = waiting.pollFirst(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (job == null || job.forgotten) {
        continue;
      }
      long started = clock.millis();
      job.state = Job.State.RUNNING;
      job.progressText = "running";
      job.progress = 0.01;
      try {
        run(job);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("job {} failed: {}", job.id, e.toString());
        fail(job, "synthesis failed: " + e.getMessage());
      }
      if (!job.forgotten) {
        synchronized (recentSeconds) {
          recentSeconds.addLast((clock.millis() - started) / 1000.0);
          while (recentSeconds.size() > AVERAGE_WINDOW) {
            recentSeconds.removeFirst();
          }
        }
      }
    }
  }

  private void run(Job job) throws IOException, InterruptedException {
    boolean fail = faults.drawJobFailure();
    Faults.TakeFault takeFault = faults.drawTakeFault();
    double delay = config.jobDelaySeconds() + faults.drawExtraSeconds();
    waitOut(job, delay);
    if (fail) {
      fail(job, "injected fault: job failed");
      return;
    }
    JobSpec spec = job.spec;
    String caption = spec.caption();
    String lyrics = spec.lyrics();
    if (spec.sampleMode()) {
      caption = spec.sampleQuery().isBlank() ? caption : spec.sampleQuery();
      lyrics = lyrics.isBlank() ? "[Instrumental]" : lyrics;
    }
    if (spec.useFormat() || spec.sampleMode()) {
      lyrics = MusicRules.structured(lyrics);
    }
    job.caption = caption;
    job.lyrics = lyrics;

    long[] seeds = seedsFor(spec);
    job.seedValue = java.util.Arrays.stream(seeds).mapToObj(Long::toString).collect(Collectors.joining(","));
    Path source = paths.readableInside(spec.srcAudioPath()).orElse(null);
    Path reference = paths.readableInside(spec.referenceAudioPath()).orElse(null);
    boolean edit = spec.taskType().equals("repaint") || spec.taskType().equals("cover");
    // Like the real server, a repaint or cover without a usable source still succeeds: as text2music.
    String taskType = edit && source != null ? spec.taskType() : "text2music";
    double duration = spec.durationSeconds() != null && spec.durationSeconds() > 0
        ? Math.min(spec.durationSeconds(), 600)
        : taskType.equals("text2music") ? MusicRules.durationFor(lyrics) : 0;
    SynthRequest request = new SynthRequest(taskType, caption, lyrics, duration, spec.bpm(), spec.keyScale(),
        spec.timeSignature(), taskType.equals("text2music") ? null : source, reference, spec.repaintStart(),
        spec.repaintEnd(), spec.coverStrength(), spec.audioFormat());

    Path dir = paths.root().resolve(job.id);
    Files.createDirectories(dir);
    List<Job.Take> takes = new ArrayList<>();
    for (int i = 0; i < seeds.length; i++) {
      if (job.forgotten) {
        return;
      }
      job.progressText = "rendering take " + (i + 1) + "/" + seeds.length;
      Path out = dir.resolve("take-" + (i + 1) + "." + spec.audioFormat());
      RenderedTake rendered = renderOrFallBack(request, seeds[i], out);
      BrokenTakes.apply(takeFault, rendered.file());
      takes.add(new Job.Take(rendered.file().toAbsolutePath().normalize(), seeds[i], rendered));
      job.progress = 0.5 + 0.5 * (i + 1) / seeds.length;
    }
    job.takes = List.copyOf(takes);
    job.progress = 1.0;
    job.progressText = "succeeded";
    job.state = Job.State.SUCCEEDED;
  }

  /** A source the synthesizer cannot decode makes the real server produce unrelated audio, not an error. */
  private RenderedTake renderOrFallBack(SynthRequest request, long seed, Path out) throws IOException {
    if (request.sourceAudio() == null) {
      return synth.render(request, seed, out);
    }
    try {
      return synth.render(request, seed, out);
    } catch (IOException e) {
      LOG.info("source {} unreadable ({}); rendering as text2music", request.sourceAudio(), e.getMessage());
      double duration = request.durationSeconds() > 0 ? request.durationSeconds() : 30;
      SynthRequest plain = new SynthRequest("text2music", request.caption(), request.lyrics(), duration,
          request.bpm(), request.keyScale(), request.timeSignature(), null, request.referenceAudio(), 0, null,
          request.coverStrength(), request.audioFormat());
      return synth.render(plain, seed, out);
    }
  }

  /** Sleeps {@code seconds} in small steps, moving progress from 0 towards 0.5. */
  private void waitOut(Job job, double seconds) throws InterruptedException {
    long totalMillis = Math.round(seconds * 1000);
    long slept = 0;
    while (slept < totalMillis && !closed && !job.forgotten) {
      long step = Math.min(100, totalMillis - slept);
      Thread.sleep(step);
      slept += step;
      job.progress = Math.max(0.01, 0.5 * slept / totalMillis);
    }
  }

  private long[] seedsFor(JobSpec spec) {
    long[] seeds = new long[spec.batchSize()];
    boolean honour = !spec.useRandomSeed() && spec.seed() != null && spec.seed() >= 0;
    for (int i = 0; i < seeds.length; i++) {
      synchronized (randomSeeds) {
        // Take i of a seeded job uses seed + i: reproducible, distinct per take, and the first take is the seed.
        seeds[i] = honour ? spec.seed() + i : (randomSeeds.nextLong() >>> 32);
      }
    }
    return seeds;
  }

  private static void fail(Job job, String message) {
    job.error = message;
    job.progressText = "failed";
    job.state = Job.State.FAILED;
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Thread t : workers) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
