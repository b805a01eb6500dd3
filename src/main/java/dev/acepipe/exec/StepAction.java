package dev.acepipe.exec;

import dev.acepipe.adapters.AdapterSet;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one step asks of the server once its inputs are known: a closed set, one variant per kind of
 * work. The executor builds the final request from it (source hand-off, repaint window, expected
 * duration).
 */
public sealed interface StepAction {

  /** The step kind that sends this action; {@link StepHandlers#of} gives its behaviour. */
  StepKind stepKind();

  /** The step kind's name as the DSL spells it ({@code generate}, {@code continue}, ...). */
  default String kind() {
    return stepKind().yamlName();
  }

  /**
   * An asynchronous {@code /release_task} job. {@code request} carries everything except the source
   * audio and the kind-specific window, which the executor fills in from the probed source.
   *
   * @param stepKind the job's kind: one whose {@link StepHandlers#of handler} is a {@link
   *     JobHandler}
   * @param source the audio to edit (continue, repaint, cover, extract, lego, complete); null for
   *     generate and sample
   * @param reference style-reference audio; null when none
   * @param edit what the job does to its source beyond the request ({@link Edit#NONE} for the kinds
   *     that set nothing of it)
   * @param adapters the LoRA adapters the server must have loaded while the job runs ({@code
   *     lora:}); {@link AdapterSet#NONE} when the step names none
   * @param switchModel the pipeline's {@code models: {switch: true}}: when the server has the
   *     request's model but runs another, it is loaded ({@code /v1/init}) between jobs instead of
   *     failing the step
   */
  record Job(
      StepKind stepKind,
      TaskRequest request,
      AudioRef source,
      AudioRef reference,
      Edit edit,
      AdapterSet adapters,
      boolean switchModel)
      implements StepAction {
    public Job {
      Objects.requireNonNull(adapters, "adapters");
      Objects.requireNonNull(stepKind, "stepKind");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(edit, "edit");
      StepHandlers.job(stepKind);
      if (stepKind.needsSource() && source == null) {
        throw new IllegalArgumentException(stepKind.yamlName() + " needs a source take");
      }
      Double seconds = edit.seconds();
      if (stepKind == StepKind.CONTINUE && (seconds == null || !(seconds > 0))) {
        throw new IllegalArgumentException("continue needs seconds > 0, was " + seconds);
      }
    }

    /**
     * The kind-specific fields of a job, each null where its kind does not set it.
     *
     * @param seconds for continue: how much to add
     * @param start for repaint: window start (negative prepends); null = 0; for continue: null to
     *     add after the end, {@code -seconds} to prepend
     * @param end for repaint: window end; null or &lt;= 0 = end of the source
     * @param strength for cover: {@code audio_cover_strength}; null = server default
     * @param overlap for continue after the end: the extension starts this many seconds before the
     *     source's end; null = 0
     */
    public record Edit(Double seconds, Double start, Double end, Double strength, Double overlap) {
      /** Nothing beyond the request: generate, sample, extract, lego, complete. */
      public static final Edit NONE = new Edit(null, null, null, null, null);

      /** A continue adding {@code seconds} after the end, {@code overlap} before it (null = 0). */
      public static Edit continuing(double seconds, Double overlap) {
        return new Edit(seconds, null, null, null, overlap);
      }

      /** A continue adding {@code seconds} before the start. */
      public static Edit prepending(double seconds) {
        return new Edit(seconds, -seconds, null, null, null);
      }

      /** A repaint of the window {@code [start, end)}. */
      public static Edit window(Double start, Double end) {
        return new Edit(null, start, end, null, null);
      }

      /** A cover at {@code strength}. */
      public static Edit cover(Double strength) {
        return new Edit(null, null, null, strength, null);
      }
    }

    public static Job generate(TaskRequest request) {
      return fromSource(StepKind.GENERATE, null, request);
    }

    public static Job sample(TaskRequest request) {
      return fromSource(StepKind.SAMPLE, null, request);
    }

    public static Job continueFrom(AudioRef source, double seconds, TaskRequest request) {
      return continueFrom(source, seconds, null, request);
    }

    /** A continue that starts {@code overlap} seconds before the source's end (null = 0). */
    public static Job continueFrom(
        AudioRef source, double seconds, Double overlap, TaskRequest request) {
      return edited(StepKind.CONTINUE, source, Edit.continuing(seconds, overlap), request);
    }

    /** A continue that adds {@code seconds} before the source's start. */
    public static Job prepend(AudioRef source, double seconds, TaskRequest request) {
      return edited(StepKind.CONTINUE, source, Edit.prepending(seconds), request);
    }

    /**
     * A job of {@code kind} that sets nothing beyond its request and {@code source}: generate and
     * sample (no source) and the kinds that only edit {@code source} (extract, lego, complete).
     */
    public static Job fromSource(StepKind kind, AudioRef source, TaskRequest request) {
      return edited(kind, source, Edit.NONE, request);
    }

    public static Job repaint(AudioRef source, Double start, Double end, TaskRequest request) {
      return edited(StepKind.REPAINT, source, Edit.window(start, end), request);
    }

    public static Job cover(AudioRef source, Double strength, TaskRequest request) {
      return edited(StepKind.COVER, source, Edit.cover(strength), request);
    }

    /** A job as its kind builds it: no reference or adapters yet, its model never switched. */
    static Job edited(StepKind kind, AudioRef source, Edit edit, TaskRequest request) {
      return new Job(kind, request, source, null, edit, AdapterSet.NONE, false);
    }

    public Job withReference(AudioRef ref) {
      return new Job(stepKind, request, source, ref, edit, adapters, switchModel);
    }

    /** This job with {@code set} loaded on its server while it runs. */
    public Job withAdapters(AdapterSet set) {
      return new Job(stepKind, request, source, reference, edit, set, switchModel);
    }

    /** This job, allowed (or not) to have its model loaded on its server between jobs. */
    public Job withModelSwitch(boolean allowed) {
      return new Job(stepKind, request, source, reference, edit, adapters, allowed);
    }
  }

  /**
   * A synchronous question to the server, whose answer (text, no audio) feeds later steps.
   *
   * @param stepKind the kind that asks: one whose {@link StepHandlers#of handler} is an {@link
   *     AnswerHandler}
   * @param question what that kind asks: for {@link #format}, the request; for {@link #random}, the
   *     sample type
   * @throws IllegalArgumentException when {@code stepKind} is not a kind that asks, or asks another
   *     type of question
   */
  record Ask<Q>(StepKind stepKind, Q question) implements StepAction {
    public Ask {
      Objects.requireNonNull(stepKind, "stepKind");
      Objects.requireNonNull(question, "question");
      if (!(StepHandlers.of(stepKind) instanceof AnswerHandler asker)) {
        throw new IllegalArgumentException(stepKind.yamlName() + " asks the server no question");
      }
      if (!asker.questionType().isInstance(question)) {
        throw new IllegalArgumentException(
            stepKind.yamlName()
                + " asks a "
                + asker.questionType().getSimpleName()
                + ", not a "
                + question.getClass().getSimpleName());
      }
    }

    /** {@code POST /format_input}: its caption, lyrics, bpm, key and duration feed later steps. */
    public static Ask<FormatRequest> format(FormatRequest request) {
      return new Ask<>(StepKind.FORMAT, request);
    }

    /**
     * {@code POST /create_random_sample} with {@code sampleType} "simple_mode" or "custom_mode".
     */
    public static Ask<String> random(String sampleType) {
      return new Ask<>(StepKind.RANDOM, sampleType);
    }
  }

  /**
   * A local audio file entering the graph. Consumers upload it, unless {@code serverPath} names the
   * same file on the server (an import's {@code server_path:}), which is then handed on by path.
   *
   * @param serverPath the file's absolute path on the run's server, or null
   */
  record Import(Path file, String serverPath) implements StepAction {
    public Import {
      Objects.requireNonNull(file, "file");
      if (serverPath != null && serverPath.isBlank()) {
        serverPath = null;
      }
    }

    public Import(Path file) {
      this(file, null);
    }

    @Override
    public StepKind stepKind() {
      return StepKind.IMPORT;
    }
  }

  /**
   * A {@code select} step: picks one take out of {@code candidates} (instance-major, as the plan
   * lists them) by {@code rule}, locally, without the server. The chosen take is the step's only
   * take.
   */
  record Select(SelectRule rule, List<AudioRef> candidates) implements StepAction {
    public Select {
      Objects.requireNonNull(rule, "rule");
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("select needs at least one candidate take");
      }
    }

    @Override
    public StepKind stepKind() {
      return StepKind.SELECT;
    }
  }
}
