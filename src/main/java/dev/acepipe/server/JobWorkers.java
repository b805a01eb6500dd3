package dev.acepipe.server;

import dev.acepipe.server.synth.RenderedTake;
import dev.acepipe.server.synth.SynthRequest;
import dev.acepipe.server.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads that take jobs off the {@link JobQueue} and render them as the configured
 * profile would: its faults, its LM rules, its seeds and its ways of failing. {@link JobQueue}
 * keeps the records; a worker only moves a job through its states.
 */
final class JobWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);

  /**
   * Task types that read a source; without a usable one they render as text2music (upstream's old
   * behaviour).
   */
  private static final java.util.Set<String> SOURCE_TASKS =
      java.util.Set.of("repaint", "cover", "cover-nofsq", "extract", "lego", "complete");

  private final EmbeddedServerConfig config;
  private final EmbeddedProfile profile;
  private final Faults faults;
  private final AudioPaths paths;
  private final Models models;
  private final Adapters adapters;
  private final ServerCounters counters;
  private final JobQueue queue;
  private final Synthesizer synth;
  private final Clock clock;
  private final Random randomSeeds = new SecureRandom();
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private volatile boolean closed;

  JobWorkers(
      EmbeddedServerConfig config,
      Faults faults,
      AudioPaths paths,
      Models models,
      Adapters adapters,
      ServerCounters counters,
      JobQueue queue) {
    this.config = config;
    this.profile = config.profile();
    this.faults = faults;
    this.paths = paths;
    this.models = models;
    this.adapters = adapters;
    this.counters = counters;
    this.queue = queue;
    this.synth = config.synthesizer();
    this.clock = config.clock();
  }

  /** Starts {@code config.workers()} daemon threads. */
  void start() {
    for (int i = 0; i < config.workers(); i++) {
      Thread t = new Thread(this::work, "acepipe-server-worker-" + (i + 1));
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** Jobs rendering right now (after their queue wait, including any job delay). */
  int running() {
    return running.get();
  }

  private void work() {
    while (!closed) {
      Job job;
      try {
        job = queue.next();
      } catch (InterruptedException e) {
        return;
      }
      if (job == null || job.forgotten) {
        continue;
      }
      long started = clock.millis();
      job.progressText = "running";
      job.progress = 0.01;
      job.stage = profile.upstreamStages() ? "Preparing inputs..." : "running";
      job.state = Job.State.RUNNING;
      queue.persist(job);
      running.incrementAndGet();
      counters.jobStarted(job.id);
      long adapterState = adapters.generation();
      try {
        run(job);
      } catch (InterruptedException e) {
        // Stopped mid-job: the record keeps its last stage, as a killed upstream server leaves it.
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("job {} failed: {}", job.id, e.toString());
        fail(job, "synthesis failed: " + e.getMessage());
      } catch (Error e) {
        // Out of memory, stack overflow: the job fails at once with the reason instead of reading
        // "running" until
        // the client's timeout. The worker lives on: what the job held is garbage now.
        LOG.error(
            "worker {} lost job {}: {}", Thread.currentThread().getName(), job.id, e.toString());
        fail(
            job,
            "the server's worker "
                + Thread.currentThread().getName()
                + " died rendering this job: "
                + e);
      } finally {
        counters.jobEnded(job.id);
        running.decrementAndGet();
        if (adapters.generation() != adapterState) {
          counters.jobAcrossAdapterChange();
          LOG.warn("job {} ran while the LoRA adapters changed", job.id);
        }
        deleteTemporaryFiles(job);
      }
      if (closed) {
        // A job that ran out while the server was stopping keeps its last persisted stage.
        return;
      }
      queue.persist(job);
      if (!job.forgotten) {
        queue.recordSeconds((clock.millis() - started) / 1000.0);
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
    if (spec.needsLm() && !config.lmLoaded()) {
      // Upstream fails such a job without saying why; only acepipe's own profile names the cause.
      fail(job, "LLM not initialized: thinking, format and sample mode need the server's LM");
      return;
    }
    String caption = spec.caption();
    String lyrics = spec.lyrics();
    if (spec.sampleMode()) {
      caption = spec.sampleQuery().isBlank() ? caption : spec.sampleQuery();
      lyrics = lyrics.isBlank() ? "[Instrumental]" : lyrics;
    }
    if (spec.useFormat() || spec.sampleMode()) {
      lyrics = MusicRules.structured(lyrics);
    }
    if (profile != EmbeddedProfile.EMBEDDED
        && config.lmLoaded()
        && !Boolean.FALSE.equals(spec.useCotCaption())
        && spec.taskType().equals("text2music")) {
      // Upstream's LM rewrites the caption unless use_cot_caption is false, thinking or not.
      caption = MusicRules.rewrittenCaption(caption, lyrics);
    }
    job.caption = caption;
    job.lyrics = lyrics;
    job.ditModel = models.forJob(spec.model(), profile);

    Seeds seeds = Seeds.of(profile, spec, config.cutBatch(spec.batchSize()), this::randomSeed);
    job.seedValue = seeds.reported();
    Sources sources = new Sources(config, paths);
    Path source = sources.resolve(spec.srcAudioPath()).orElse(null);
    Path reference = sources.resolve(spec.referenceAudioPath()).orElse(null);
    String taskType = spec.taskType();
    if (profile == EmbeddedProfile.NEWER
        && Sources.NEEDS_SOURCE.contains(spec.taskType())
        && (source == null || !Sources.usable(source))) {
      // Newer servers fail a source task whose source is missing, unreadable or silent (no error
      // text in the item).
      fail(job, "source audio missing, unreadable or silent");
      return;
    }
    if (profile == EmbeddedProfile.NEWER && reference != null && !Sources.usable(reference)) {
      fail(job, "reference audio unreadable or silent");
      return;
    }
    boolean edit = SOURCE_TASKS.contains(taskType);
    // Like the real server, a repaint or cover without a usable source still succeeds: as
    // text2music.
    taskType = edit && source != null ? taskType : "text2music";
    double duration =
        spec.durationSeconds() != null && spec.durationSeconds() > 0
            ? Math.min(spec.durationSeconds(), 600)
            : taskType.equals("text2music") ? MusicRules.durationFor(lyrics) : 0;
    // lego on stem models reads the global caption; the synthesizer plans from it when no prompt is
    // given
    String planCaption = caption.isBlank() ? spec.globalCaption() : caption;
    SynthRequest request =
        new SynthRequest(
            taskType,
            planCaption,
            lyrics,
            duration,
            spec.bpm(),
            spec.keyScale(),
            spec.timeSignature(),
            taskType.equals("text2music") ? null : source,
            reference,
            spec.repaintStart(),
            spec.repaintEnd(),
            spec.coverStrength(),
            spec.audioFormat(),
            new SynthRequest.Edits(
                spec.tracks(),
                spec.repaintMode() == null ? "balanced" : spec.repaintMode(),
                spec.repaintStrength() == null ? 0.5 : spec.repaintStrength(),
                spec.coverNoiseStrength(),
                profile == EmbeddedProfile.SNAPSHOT ? 0 : adapters.timbre()));

    Path dir = paths.root().resolve(job.id);
    Files.createDirectories(dir);
    List<Job.Take> takes = new ArrayList<>();
    long[] used = seeds.used();
    for (int i = 0; i < used.length; i++) {
      if (job.forgotten || closed) {
        return;
      }
      job.progressText = "rendering take " + (i + 1) + "/" + used.length;
      if (profile.upstreamStages() && i == 0) {
        job.stage = "Generating music...";
        queue.persist(job);
      }
      Path out = dir.resolve("take-" + (i + 1) + "." + spec.audioFormat());
      RenderedTake rendered =
          profile == EmbeddedProfile.NEWER
              ? synth.render(request, used[i], out)
              : renderOrFallBack(request, used[i], out);
      BrokenTakes.apply(takeFault, rendered.file());
      takes.add(new Job.Take(rendered.file().toAbsolutePath().normalize(), used[i], rendered));
      job.progress = 0.5 + 0.5 * (i + 1) / used.length;
    }
    job.takes = List.copyOf(takes);
    job.progress = 1.0;
    job.progressText = "succeeded";
    job.state = Job.State.SUCCEEDED;
  }

  /**
   * A source the synthesizer cannot decode makes the real server produce unrelated audio, not an
   * error.
   */
  private RenderedTake renderOrFallBack(SynthRequest request, long seed, Path out)
      throws IOException {
    if (request.sourceAudio() == null) {
      return synth.render(request, seed, out);
    }
    try {
      return synth.render(request, seed, out);
    } catch (IOException e) {
      LOG.info(
          "source {} unreadable ({}); rendering as text2music",
          request.sourceAudio(),
          e.getMessage());
      double duration = request.durationSeconds() > 0 ? request.durationSeconds() : 30;
      SynthRequest plain =
          new SynthRequest(
              "text2music",
              request.caption(),
              request.lyrics(),
              duration,
              request.bpm(),
              request.keyScale(),
              request.timeSignature(),
              null,
              request.referenceAudio(),
              0,
              null,
              request.coverStrength(),
              request.audioFormat(),
              SynthRequest.Edits.NONE);
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

  private long randomSeed() {
    synchronized (randomSeeds) {
      return randomSeeds.nextLong() >>> 32;
    }
  }

  private static void deleteTemporaryFiles(Job job) {
    for (Path file : job.temporaryFiles) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("cannot delete upload {}: {}", file, e.getMessage());
      }
    }
  }

  private void fail(Job job, String message) {
    job.error = profile.reportsErrors() ? message : null;
    job.progressText = "failed";
    job.state = Job.State.FAILED;
  }

  /** Stops the workers, waiting up to 5 s for each; a job they leave keeps its last stage. */
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
