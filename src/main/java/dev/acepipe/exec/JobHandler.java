package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskRequestBuilder;
import dev.acepipe.dsl.model.StepKind;
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
   * This kind's job for the resolved step: its source, the {@code from} take for the kinds that
   * edit one ({@link StepKind#needsSource}), what it does to that source ({@link #edit}) and its
   * own fields on top of {@code request} ({@link #request(ResolvedStep, TaskRequestBuilder)}).
   *
   * @throws IllegalArgumentException with a user-facing message when the step cannot run as
   *     resolved
   */
  default StepAction.Job job(ResolvedStep r, TaskRequest request) {
    AudioRef source = kind().needsSource() ? ActionInput.ref(r.from()) : null;
    return StepAction.Job.edited(kind(), source, edit(r), request(r, request.toBuilder()).build());
  }

  /**
   * What the step does to its source beyond the request: {@link StepAction.Job.Edit#NONE} unless
   * the kind sets a window, a length or a strength.
   */
  default StepAction.Job.Edit edit(ResolvedStep r) {
    return StepAction.Job.Edit.NONE;
  }

  /**
   * This kind's own fields on {@code request}, the request every job starts from; none unless the
   * kind sets some.
   *
   * @throws IllegalArgumentException with a user-facing message when the step cannot run as
   *     resolved
   */
  default TaskRequestBuilder request(ResolvedStep r, TaskRequestBuilder request) {
    return request;
  }

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
