package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Opus and AAC takes are accepted, and refused where something would need their samples. */
class TakeFormatRuleTest {
  private static List<Diagnostic> check(String yaml) {
    return new PipelineChecker().check(yaml, "p.yaml").diagnostics();
  }

  @Test
  void opusAacAndWav32AreAcceptedTakeFormats() {
    CheckResult r =
        new PipelineChecker()
            .check(
                "version: 1\nsteps:\n  a: {type: generate, audio_format: opus}\n"
                    + "  b: {type: generate, audio_format: aac}\n"
                    + "  c: {type: generate, audio_format: wav32, expect: {clipping: false}}\n"
                    + "  d: {type: cover, from: a, audio_format: flac}\n"
                    + "outputs:\n  c: out/c.flac\n  d: out/d.flac\n",
                "p.yaml");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.valid().orElseThrow().steps().get("a").field(StepField.AUDIO_FORMAT))
        .flatMap(Template::constant)
        .contains("opus");
  }

  @Test
  void anOutputOfAnOpusStepIsALocatedErrorBecauseItWouldBeConverted() {
    List<Diagnostic> d =
        check(
            "version: 1\nsteps:\n  a: {type: generate, audio_format: opus}\n"
                + "outputs:\n  a: out/a.flac\n");

    assertThat(d).hasSize(1);
    assertThat(d.get(0).code()).isEqualTo(Codes.UNDECODABLE_FORMAT);
    assertThat(d.get(0).location().line()).isEqualTo(5);
    assertThat(d.get(0).message()).contains("opus takes of 'a'", "cannot decode");
  }

  @Test
  void expectOnAnAacStepIsALocatedErrorBecauseItsSamplesCannotBeMeasured() {
    List<Diagnostic> d =
        check(
            "version: 1\nsteps:\n  a:\n    type: generate\n    audio_format: aac\n"
                + "    expect: {loudness: [-16, -8]}\n");

    assertThat(d).extracting(Diagnostic::code).containsExactly(Codes.UNDECODABLE_FORMAT);
    assertThat(d.get(0).location().line()).isEqualTo(6);
    assertThat(d.get(0).message()).contains("'expect:'", "aac");
  }

  @Test
  void anAlbumTrackFromAnAacStepIsALocatedError() {
    List<Diagnostic> d =
        check(
            "version: 1\nsteps:\n  a: {type: generate, audio_format: aac}\n"
                + "album:\n  title: T\n  tracks:\n    - {step: a, title: A}\n");

    assertThat(d).extracting(Diagnostic::code).containsExactly(Codes.UNDECODABLE_FORMAT);
  }

  @Test
  void aFormatTheServerNeverWritesIsStillOutOfRange() {
    assertThat(check("version: 1\nsteps:\n  a: {type: generate, audio_format: ogg}\n"))
        .extracting(Diagnostic::code)
        .contains(Codes.OUT_OF_RANGE);
  }
}
