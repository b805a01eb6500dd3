package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.plan.ResolvedStep;
import java.nio.file.Path;
import java.util.List;

/**
 * A kind that runs as an asynchronous {@code /release_task} job: the executor hands its source and
 * reference audio off, submits, polls, downloads and probes the takes. Its recipe ({@link Recipes})
 * is fingerprinted, its takes go to the artifact store and its lock block to the lockfile. Every
 * job produces the same {@link Fields}.
 */
public non-sealed interface JobHandler extends StepHandler {

  /**
   * The job {@link #job} builds on the request every job starts from ({@link ActionInput#request}),
   * with the step's {@code reference:} take when it has one.
   */
  @Override
  default StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    return ActionInput.withReference(job(r, ActionInput.request(in.plan(), r, in.reroll())), r);
  }

  /**
   * This kind's job for the resolved step: its own fields on top of {@code request}.
   *
   * @throws IllegalArgumentException with a user-facing message when the step cannot run as
   *     resolved
   */
  StepAction.Job job(ResolvedStep r, TaskRequest request);

  /**
   * The request the server gets (without the source hand-off) and the output length it implies:
   * this kind's rules of the ACE-Step editing model.
   *
   * @param sourceSeconds the probed length of the source take (ignored for kinds without a source)
   * @throws IllegalArgumentException for a window the server would silently misread
   */
  JobRequests.Prepared prepare(StepAction.Job job, double sourceSeconds);

  /**
   * Whether the server's language model writes this kind's caption and lyrics, so the lockfile pins
   * that text for the steps after it ({@link LockPolicy}).
   */
  default boolean pinsLmText() {
    return false;
  }

  /**
   * What a finished job offers the steps after it, from its takes (rendered or stored): what the
   * server reports for take 0, else what the step asked for.
   */
  static StepOutput output(String stepId, StepAction.Job job, List<TakeResult> takes) {
    TakeResult first = takes.get(0);
    TaskRequest asked = job.request();
    // Typed as Number: a Double/Integer conditional would unbox a missing value into an NPE.
    Number bpm = first.metas().bpm() != null ? (Number) first.metas().bpm() : asked.bpm();
    return new StepOutput(
        stepId,
        takes,
        new Fields(
            nonBlankOr(first.prompt(), asked.prompt()),
            nonBlankOr(first.lyrics(), asked.lyrics()),
            bpm,
            first.metas().keyScale() != null ? first.metas().keyScale() : asked.keyScale(),
            first.audio().durationSeconds(),
            asked.seed(),
            first.localPath()));
  }

  private static String nonBlankOr(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  /** The fields of every job: take 0's caption, lyrics, metas and file, and the step's seed. */
  record Fields(
      String caption, String lyrics, Number bpm, String key, double duration, long seed, Path file)
      implements StepFields {}
}
