package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.plan.ResolvedStep;
import dev.acepipe.store.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What a {@link StepHandler} builds its action from: the planned step and, on demand, its values
 * resolved against the finished upstream outputs (a {@code select} needs none resolved).
 *
 * @param projectDir where relative {@code import} paths are read from (the pipeline file's folder)
 * @param reroll the step's reroll counter, an input of {@link Seeds#forRequest}
 */
public record ActionInput(
    Plan plan,
    PlannedStep planned,
    Supplier<ResolvedStep> resolution,
    Path projectDir,
    int reroll) {
  public ActionInput {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(planned, "planned");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(projectDir, "projectDir");
  }

  /** The step's values resolved against the upstream outputs (resolved on each call). */
  public ResolvedStep resolved() {
    return resolution.get();
  }

  /**
   * The request every job kind starts from: every request gets a concrete seed (the step's own,
   * else {@link Seeds#forRequest}, see docs/reproducibility.md), {@code batch_size} = takes, and an
   * explicit {@code audio_format} ({@link PlanSteps#DEFAULT_FORMAT} unless the pipeline says
   * otherwise). One seed per request: the seed of take 0; with {@code batch_size N} the server
   * draws the other takes' seeds itself and reports them, and the lockfile records both.
   */
  public static TaskRequest request(Plan plan, ResolvedStep r, int reroll) {
    Long explicit =
        r.integer(StepField.SEED).isPresent() ? r.integer(StepField.SEED).getAsLong() : null;
    long seed;
    try {
      seed = Seeds.forRequest(explicit, plan.seed(), r.id(), 0, reroll);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("step '" + r.id() + "': " + e.getMessage(), e);
    }
    return TaskRequest.builder()
        .extra(r.extra())
        .prompt(r.text(StepField.PROMPT).orElse(null))
        .lyrics(r.text(StepField.LYRICS).orElse(null))
        .thinking(r.flag(StepField.THINKING).orElse(null))
        .useFormat(r.flag(StepField.USE_FORMAT).orElse(null))
        .model(r.text(StepField.MODEL).orElse(null))
        .audioDuration(boxed(r.number(StepField.DURATION)))
        .bpm(intOrNull(r.integer(StepField.BPM)))
        .keyScale(r.text(StepField.KEY).orElse(null))
        .timeSignature(textOrNull(r.integer(StepField.TIME_SIGNATURE)))
        .vocalLanguage(r.text(StepField.LANGUAGE).orElse(null))
        .inferenceSteps(intOrNull(r.integer(StepField.INFERENCE_STEPS)))
        .guidanceScale(boxed(r.number(StepField.GUIDANCE_SCALE)))
        .seed(seed)
        .batchSize(r.takes())
        .audioFormat(r.text(StepField.AUDIO_FORMAT).orElse(PlanSteps.DEFAULT_FORMAT))
        .useCotCaption(lmFlag(r, "use_cot_caption"))
        .useCotLanguage(lmFlag(r, "use_cot_language"))
        .seeds(takeSeeds(explicit, plan.seed(), r, reroll))
        .build();
  }

  /** {@link #request(Plan, ResolvedStep, int)} of this step, resolved now. */
  public TaskRequest request() {
    return request(plan, resolved(), reroll);
  }

  /**
   * {@code job} with the step's {@code reference:} take, when it has one: every job kind may carry
   * a style reference.
   */
  public static StepAction.Job withReference(StepAction.Job job, ResolvedStep r) {
    return r.reference() == null ? job : job.withReference(ref(r.reference()));
  }

  /** The take {@code from:} names. */
  public static AudioRef ref(StepRef ref) {
    return new AudioRef(ref.step(), ref.take());
  }

  /**
   * One seed per take ({@link Seeds#forRequest} with the take's index). Servers that read a
   * per-take list get it all; the executor sends the others only take 0's, and they draw the rest.
   */
  private static List<Long> takeSeeds(
      Long explicit, long pipelineSeed, ResolvedStep r, int reroll) {
    List<Long> seeds = new ArrayList<>();
    for (int take = 0; take < r.takes(); take++) {
      seeds.add(Seeds.forRequest(explicit, pipelineSeed, r.id(), take, reroll));
    }
    return seeds;
  }

  /**
   * {@code use_cot_caption} or {@code use_cot_language}, always sent: servers default both to true,
   * so even with {@code thinking: false} their LM would rewrite the caption and the language unless
   * told not to.
   */
  private static boolean lmFlag(ResolvedStep r, String key) {
    Object passed = r.extra().get(key);
    if (passed != null) {
      // A value the pipeline passes through `extra:` wins over lm_rewrite.
      return Boolean.parseBoolean(passed.toString());
    }
    return r.flag(StepField.LM_REWRITE).orElse(false);
  }

  public static Double boxed(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  public static Integer intOrNull(OptionalLong l) {
    return l.isPresent() ? (int) l.getAsLong() : null;
  }

  public static String textOrNull(OptionalLong l) {
    return l.isPresent() ? Long.toString(l.getAsLong()) : null;
  }
}
