package dev.acepipe.server;

import java.util.List;

/**
 * One submitted job and its state. Written by one worker, read by request threads: every field that changes is
 * volatile and the result list is replaced, never mutated.
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
  volatile List<Take> takes = List.of();
  volatile String seedValue = "";
  volatile String caption;
  volatile String lyrics;
  volatile String error;
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
