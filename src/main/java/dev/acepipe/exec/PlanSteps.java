package dev.acepipe.exec;

import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.plan.ResolutionException;
import dev.acepipe.plan.ResolvedStep;
import dev.acepipe.plan.StepOutputs;
import dev.acepipe.store.Seeds;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Adapts a {@link Plan} to the executor: one {@link ExecStep} per planned instance, whose resolver
 * runs {@link PlannedStep#resolve} against the finished upstream outputs and maps the concrete
 * values onto a request.
 *
 * <p>Every request gets a concrete seed (the step's own, else {@link Seeds#forRequest}, see
 * docs/reproducibility.md), {@code batch_size} = takes, and an explicit {@code audio_format} (flac
 * unless the pipeline says otherwise).
 */
public final class PlanSteps {
  /** The audio format sent when a pipeline sets none. */
  public static final String DEFAULT_FORMAT = "flac";

  private PlanSteps() {}

  /**
   * @param projectDir where relative {@code import} paths are read from (the pipeline file's
   *     folder)
   * @param only when non-empty, just these instance ids (by instance or declared step id) and what
   *     they need
   */
  public static List<ExecStep> of(Plan plan, Path projectDir, Set<String> only) {
    return of(plan, projectDir, only, Map.of());
  }

  /**
   * As {@link #of(Plan, Path, Set)}, with reroll counters: instance id → how many times {@code
   * --reroll} drew new seeds for it (absent = 0). The counter is an input of {@link
   * Seeds#forRequest}.
   */
  public static List<ExecStep> of(
      Plan plan, Path projectDir, Set<String> only, Map<String, Integer> rerolls) {
    Set<String> keep = only.isEmpty() ? null : closure(plan, only);
    return plan.order().stream()
        .filter(s -> keep == null || keep.contains(s.id()))
        .map(s -> toExec(plan, s, projectDir, rerolls.getOrDefault(s.id(), 0)))
        .toList();
  }

  /** The instances named by {@code only} (step or instance ids) plus everything they depend on. */
  static Set<String> closure(Plan plan, Set<String> only) {
    Set<String> keep = new java.util.LinkedHashSet<>();
    for (PlannedStep s : plan.order()) {
      if (only.contains(s.id()) || only.contains(s.stepId())) {
        keep.addAll(ancestors(plan, s.id()));
      }
    }
    Set<String> unknown = new java.util.TreeSet<>(only);
    plan.order()
        .forEach(
            s -> {
              unknown.remove(s.id());
              unknown.remove(s.stepId());
            });
    if (!unknown.isEmpty()) {
      Set<String> known = new java.util.TreeSet<>();
      plan.order()
          .forEach(
              s -> {
                known.add(s.id());
                known.add(s.stepId());
              });
      String hint =
          unknown.size() == 1
              ? dev.acepipe.dsl.Suggest.closest(unknown.iterator().next(), known)
                  .map(k -> " (did you mean '" + k + "'?)")
                  .orElse("")
              : "";
      throw new IllegalArgumentException(
          "--only names no step: " + String.join(", ", unknown) + hint);
    }
    return keep;
  }

  /** {@code id} and every instance it depends on, directly or not. */
  private static Set<String> ancestors(Plan plan, String id) {
    Set<String> out = new java.util.LinkedHashSet<>();
    var it =
        new org.jgrapht.traverse.DepthFirstIterator<>(
            new org.jgrapht.graph.EdgeReversedGraph<>(plan.graph()), id);
    it.forEachRemaining(out::add);
    return out;
  }

  private static ExecStep toExec(Plan plan, PlannedStep s, Path projectDir, int reroll) {
    if (s.kind() == StepKind.SELECT) {
      // Built when the step is ready, so a rule that cannot run fails this step, not the whole run.
      return new ExecStep(
          s.id(),
          s.dependencies(),
          s.retries(),
          s.timeout(),
          upstream -> select(s, ManualChoices.of(Path.of(plan.file()))));
    }
    return new ExecStep(
        s.id(),
        s.dependencies(),
        s.retries(),
        s.timeout(),
        new ExecStep.Resolver() {
          @Override
          public StepAction resolve(Upstream upstream) {
            return resolve(upstream, 0);
          }

          @Override
          public StepAction resolve(Upstream upstream, int extraRerolls) {
            ResolvedStep r;
            try {
              r = s.resolve(outputsOf(upstream));
            } catch (ResolutionException e) {
              throw new IllegalArgumentException(e.location() + ": " + e.getMessage(), e);
            }
            return action(plan, r, projectDir, reroll + extraRerolls);
          }
        },
        s.checks());
  }

  /**
   * A select step needs nothing resolved: its rule and candidates are fixed by the plan; a {@code
   * manual} rule takes the choice {@code engine select} recorded in the lockfile.
   */
  static StepAction.Select select(PlannedStep s, ManualChoices manual) {
    SelectRule rule = s.selectRule().orElseThrow();
    List<AudioRef> candidates =
        s.candidates().stream().map(c -> new AudioRef(c.step(), c.take())).toList();
    if (!(rule instanceof SelectRule.Manual)) {
      return new StepAction.Select(rule, candidates);
    }
    int chosen =
        manual
            .choice(s.id())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "step '"
                            + s.id()
                            + "': pick: manual has no recorded choice; record one with"
                            + " `engine select PIPELINE "
                            + s.id()
                            + " TAKE` (TAKE: one of "
                            + candidates
                            + ")"));
    if (chosen >= candidates.size()) {
      throw new IllegalArgumentException(
          "step '"
              + s.id()
              + "': the recorded choice "
              + chosen
              + " is not one of its "
              + candidates.size()
              + " candidates; record it again with `engine select`");
    }
    return new StepAction.Select(
        new SelectRule.Manual(candidateId(candidates.get(chosen))), candidates);
  }

  /** How the executor names a candidate take to the selector: {@code step#take}. */
  static String candidateId(AudioRef ref) {
    return ref.stepId() + "#" + ref.take();
  }

  /** Maps resolved values onto the action for the step's kind. */
  static StepAction action(Plan plan, ResolvedStep r, Path projectDir) {
    return action(plan, r, projectDir, 0);
  }

  static StepAction action(Plan plan, ResolvedStep r, Path projectDir, int reroll) {
    switch (r.kind()) {
      case FORMAT:
        return new StepAction.Format(
            new FormatRequest(
                r.text(StepField.PROMPT).orElse(""),
                r.text(StepField.LYRICS).orElse(""),
                null,
                boxed(r.number(StepField.DURATION)),
                intOrNull(r.integer(StepField.BPM)),
                r.text(StepField.KEY).orElse(null),
                textOrNull(r.integer(StepField.TIME_SIGNATURE)),
                r.text(StepField.LANGUAGE).orElse(null)));
      case RANDOM:
        Object type = r.extra().get("sample_type");
        return new StepAction.Random(type == null ? "custom_mode" : type.toString());
      case IMPORT:
        Path p =
            Path.of(
                r.text(StepField.PATH)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "step '" + r.id() + "': import needs a path")));
        String serverPath = r.text(StepField.SERVER_PATH).map(String::strip).orElse(null);
        if (serverPath != null
            && !serverPath.startsWith("/")
            && !serverPath.matches("[A-Za-z]:[\\\\/].*")) {
          throw new IllegalArgumentException(
              "step '"
                  + r.id()
                  + "': server_path must be an absolute path on the "
                  + "server, got '"
                  + serverPath
                  + "'");
        }
        return new StepAction.Import(
            p.isAbsolute() ? p : projectDir.resolve(p).normalize(), serverPath);
      default:
        break;
    }
    TaskRequest request = request(plan, r, reroll);
    StepAction.Job job =
        switch (r.kind()) {
          case GENERATE -> StepAction.Job.generate(request);
          case SAMPLE ->
              StepAction.Job.sample(
                  request.toBuilder()
                      .sampleQuery(r.text(StepField.DESCRIPTION).orElse(""))
                      .build());
          case CONTINUE ->
              StepAction.Job.continueFrom(
                  ref(r.from()), r.number(StepField.SECONDS).orElse(30), request);
          case REPAINT ->
              StepAction.Job.repaint(
                  ref(r.from()),
                  boxed(r.number(StepField.START)),
                  boxed(r.number(StepField.END)),
                  request);
          case COVER ->
              StepAction.Job.cover(ref(r.from()), boxed(r.number(StepField.STRENGTH)), request);
          default -> throw new IllegalStateException("not a job: " + r.kind());
        };
    return r.reference() == null ? job : job.withReference(ref(r.reference()));
  }

  /**
   * One seed per request: the seed of take 0 ({@link Seeds#forRequest} with take index 0). With
   * {@code batch_size N} the server draws the other takes' seeds itself and reports them; the
   * lockfile records both.
   */
  private static TaskRequest request(Plan plan, ResolvedStep r, int reroll) {
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
        .audioFormat(r.text(StepField.AUDIO_FORMAT).orElse(DEFAULT_FORMAT))
        .useCotCaption(lmFlag(r, "use_cot_caption"))
        .useCotLanguage(lmFlag(r, "use_cot_language"))
        .seeds(takeSeeds(explicit, plan.seed(), r, reroll))
        .build();
  }

  /**
   * One seed per take ({@link Seeds#forRequest} with the take's index). Servers that read a
   * per-take list get it all; the executor sends the others only take 0's, and they draw the rest.
   */
  private static List<Long> takeSeeds(
      Long explicit, long pipelineSeed, ResolvedStep r, int reroll) {
    List<Long> seeds = new java.util.ArrayList<>();
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

  /** Answers {@code ${steps.ID.FIELD}} from finished outputs: take 0, numbers in plain decimal. */
  static StepOutputs outputsOf(Upstream upstream) {
    return (id, field) -> {
      StepOutput out;
      try {
        out = upstream.output(id);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return out.field(fieldName(field)).map(PlanSteps::plain);
    };
  }

  private static String fieldName(OutputField f) {
    return f.yamlName();
  }

  private static String plain(Object v) {
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static AudioRef ref(StepRef ref) {
    return new AudioRef(ref.step(), ref.take());
  }

  private static Double boxed(java.util.OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  private static Integer intOrNull(java.util.OptionalLong l) {
    return l.isPresent() ? (int) l.getAsLong() : null;
  }

  private static String textOrNull(java.util.OptionalLong l) {
    return l.isPresent() ? Long.toString(l.getAsLong()) : null;
  }
}
