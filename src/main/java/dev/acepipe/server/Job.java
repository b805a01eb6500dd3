package dev.acepipe.server;

import java.util.List;

/**
 * One submitted job and its state. Written by one worker, read by request threads: every field that
 * changes is volatile and the result list is replaced, never mutated.
 */
final class Job {
  enum State {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  /** One saved take: its file and what the synthesizer reported. */
  record Take(java.nio.file.Path file, long seed, dev.acepipe.server.synth.RenderedTake rendered) {}

  final String id;
  final JobSpec spec;
  final long submittedMillis;
  volatile State state = State.QUEUED;
  volatile double progress;
  volatile String progressText = "queued";

  /**
   * The stage a running job reports in its result item ("running", or upstream's texts such as
   * "Preparing inputs...").
   */
  volatile String stage = "running";

  volatile List<Take> takes = List.of();
  volatile String seedValue = "";
  volatile String caption;
  volatile String lyrics;

  /**
   * Why the job failed, or {@code null} (profiles imitating upstream report failures without a
   * reason).
   */
  volatile String error;

  /** The DiT model the job ran on, as reported. */
  volatile String ditModel;

  /** Uploaded files saved for this job only; deleted when it ends. */
  volatile List<java.nio.file.Path> temporaryFiles = List.of();

  /** Set when the job was forgotten (simulated restart): the worker drops its result. */
  volatile boolean forgotten;

  Job(String id, JobSpec spec, long submittedMillis) {
    this.id = id;
    this.spec = spec;
    this.submittedMillis = submittedMillis;
    this.caption = spec.caption();
    this.lyrics = spec.lyrics();
  }

  boolean finished() {
    return state == State.SUCCEEDED || state == State.FAILED;
  }
}
