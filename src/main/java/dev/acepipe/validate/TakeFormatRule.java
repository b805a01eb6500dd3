package dev.acepipe.validate;

import dev.acepipe.audio.ServerFormat;
import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.Expect;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes in {@code opus} or {@code aac} are probed for their duration from the container, but
 * acepipe has no decoder for them, so nothing may need their samples: {@code expect:} (measured on
 * the samples), an {@code outputs:} entry or {@code album:} track (both convert to flac, wav or
 * mp3). Each is refused here, located, rather than failing after the GPU time was spent. A take
 * passed to another server step ({@code from:}) is fine: the server decodes it.
 */
public final class TakeFormatRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      Optional<ServerFormat> f = undecodable(pipeline, step);
      if (f.isEmpty()) {
        continue;
      }
      if (!step.checks().expect().equals(Expect.NONE)) {
        out.add(
            Diagnostic.error(
                Codes.UNDECODABLE_FORMAT,
                step.locationOf("expect"),
                "step '"
                    + step.id()
                    + "' renders "
                    + f.get().wireName()
                    + " takes, which acepipe cannot decode, so 'expect:' cannot measure them",
                "use audio_format flac, wav, wav32 or mp3, or drop 'expect:'"));
      }
    }
    for (OutputSpec o : pipeline.outputs()) {
      refused(pipeline, o.ref().step(), o.location(), "output '" + o.path() + "' converts", out);
    }
    pipeline
        .albumSpec()
        .map(AlbumSpec::tracks)
        .orElse(List.of())
        .forEach(t -> refused(pipeline, t.ref().step(), t.location(), "album track converts", out));
  }

  private static void refused(
      Pipeline pipeline,
      String stepId,
      dev.acepipe.dsl.model.SourceLocation at,
      String what,
      List<Diagnostic> out) {
    Optional<Step> step = pipeline.step(stepId);
    if (step.isEmpty()) {
      return;
    }
    undecodable(pipeline, step.get())
        .ifPresent(
            f ->
                out.add(
                    Diagnostic.error(
                        Codes.UNDECODABLE_FORMAT,
                        at,
                        what
                            + " the "
                            + f.wireName()
                            + " takes of '"
                            + stepId
                            + "', which acepipe cannot decode",
                        "give '"
                            + stepId
                            + "' audio_format flac, wav, wav32 or mp3 (acepipe decodes those)")));
  }

  /** The step's take format when it is one acepipe only probes, known before running. */
  private static Optional<ServerFormat> undecodable(Pipeline pipeline, Step step) {
    Optional<Template> t =
        step.field(StepField.AUDIO_FORMAT).map(x -> StaticValues.substituteVars(pipeline, x));
    if (t.isEmpty() || !t.get().isConstant()) {
      return Optional.empty();
    }
    return ServerFormat.byName(t.get().constant().orElseThrow()).filter(f -> f.codec().isEmpty());
  }
}
