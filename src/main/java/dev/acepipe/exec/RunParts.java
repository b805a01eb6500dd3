package dev.acepipe.exec;

/**
 * The parts that work on one run's {@link RunState}, wired together once: the single-server loop
 * ({@link Executor}) and a pool's dispatcher and lane drivers ({@link PoolRun}) share them.
 *
 * @param submitter hands a job's audio off and submits it
 * @param collector downloads, checks and settles the takes of finished (or cached) jobs
 * @param poller asks a lane's server about its in-flight tasks
 * @param local runs the answer and local kinds
 */
record RunParts(
    RunState state,
    JobSubmitter submitter,
    TakeCollector collector,
    TaskPoller poller,
    LocalSteps local) {

  static RunParts of(RunState state) {
    JobSubmitter submitter = new JobSubmitter(state);
    TakeCollector collector = new TakeCollector(state, submitter);
    return new RunParts(
        state,
        submitter,
        collector,
        new TaskPoller(state, submitter, collector),
        new LocalSteps(state));
  }
}
