package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SelectRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Select, matrix pairing, import and album rules, asserted by code and location. */
class RecipeRulesTest {
  @TempDir Path dir;

  private static List<String> codes(String yaml) {
    return new PipelineChecker()
        .check(yaml, "p.yaml").diagnostics().stream()
            .map(d -> d.code() + " " + d.location().line() + ":" + d.location().column())
            .toList();
  }

  @Test
  void selectAcceptsEveryRuleSpelling() {
    CheckResult r =
        new PipelineChecker()
            .check(
                "version: 1\nsteps:\n  h: {type: generate, takes: 3}\n"
                    + "  a: {type: select, from: h, pick: loudest}\n"
                    + "  b: {type: select, from: h, pick: longest}\n"
                    + "  c: {type: select, from: h, pick: manual}\n"
                    + "  d: {type: select, from: h, pick: {index: 2}}\n"
                    + "  e: {type: select, from: h, pick: {closest_duration: 42.5}}\n",
                "p.yaml");

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.pipeline().steps().values().stream().skip(1).map(s -> s.select()))
        .containsExactly(
            new SelectRule.Loudest(),
            new SelectRule.Longest(),
            new SelectRule.Manual(),
            new SelectRule.Index(2),
            new SelectRule.ClosestDuration(42.5));
  }

  @Test
  void selectRuleProblemsAreLocatedOnTheRule() {
    assertThat(
            codes(
                "version: 1\nsteps:\n  h: {type: generate}\n  s: {type: select, from: h, pick: index}\n"))
        .containsExactly("select-rule 4:36");
    assertThat(
            codes(
                "version: 1\nsteps:\n  h: {type: generate}\n  s: {type: select, from: h, pick: {loudest: 1}}\n"))
        .containsExactly("select-rule 4:37");
    assertThat(
            codes(
                "version: 1\nsteps:\n  h: {type: generate}\n  s: {type: select, from: h, pick: {index: 0, longest: 1}}\n"))
        .containsExactly("select-rule 4:36");
    assertThat(
            codes(
                "version: 1\nsteps:\n  h: {type: generate}\n  s: {type: select, from: h, pick: {index: -1}}\n"))
        .containsExactly("out-of-range 4:44");
    assertThat(
            codes(
                "version: 1\nsteps:\n  h: {type: generate}\n  s: {type: select, from: h, pick: {index: x}}\n"))
        .containsExactly("wrong-type 4:44");
  }

  @Test
  void selectIndexIsCheckedAgainstTakesTimesInstances() {
    String yaml =
        "version: 1\nsteps:\n  h: {type: generate, takes: 3, matrix: {m: [a, b]}}\n  s: {type: select, from: h, pick: {index: %d}}\n";

    assertThat(codes(yaml.formatted(5))).isEmpty();
    assertThat(codes(yaml.formatted(6))).containsExactly("out-of-range 4:36");
  }

  @Test
  void selectNeedsFromAndPick() {
    assertThat(codes("version: 1\nsteps:\n  s: {type: select}\n"))
        .containsExactly("missing-field 3:3", "missing-field 3:3");
  }

  @Test
  void aPlainStepReadingAMatrixStepIsAnErrorButASelectCollectsIt() {
    String base = "version: 1\nsteps:\n  h: {type: generate, matrix: {m: [a, b]}}\n";

    assertThat(codes(base + "  c: {type: cover, from: h}\n")).containsExactly("matrix-ref 4:26");
    assertThat(codes(base + "  c: {type: cover, from: h, matrix: {m: [b]}}\n")).isEmpty();
    assertThat(codes(base + "  c: {type: cover, from: h, matrix: {m: [c]}}\n"))
        .containsExactly("matrix-ref 4:26");
    assertThat(codes(base + "  c: {type: generate, prompt: '${steps.h.takes}'}\n"))
        .containsExactly("matrix-ref 4:31");
    assertThat(
            codes(
                base
                    + "  s: {type: select, from: h, pick: loudest}\n  c: {type: cover, from: s}\n"))
        .isEmpty();
  }

  @Test
  void importChecksThatTheFileExistsDecodesAndHasADuration() throws IOException {
    Pcm pcm = Pcm.silence(48_000, 2, 4_800);
    AudioFiles.write(pcm, AudioFormat.WAV, dir.resolve("ok.wav"));
    Files.writeString(dir.resolve("text.wav"), "not audio");
    AudioFiles.write(Pcm.silence(48_000, 2, 0), AudioFormat.WAV, dir.resolve("empty.wav"));
    Path pipeline = dir.resolve("p.yaml");
    Files.writeString(
        pipeline,
        "version: 1\nsteps:\n  a: {type: import, path: ok.wav}\n  b: {type: import, path: text.wav}\n  c: {type: import, path: missing.wav}\n  d: {type: import, path: empty.wav}\n");

    CheckResult r = new PipelineChecker().check(pipeline, "p.yaml");

    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location().line())
        .containsExactly("import-file 4", "import-file 5", "import-file 6");
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .satisfiesExactly(
            m -> assertThat(m).contains("does not decode"),
            m -> assertThat(m).contains("does not exist"),
            m -> assertThat(m).contains("no known duration"));
  }

  @Test
  void albumTracksMayNameStepsTakesInstancesAndSelects() {
    assertThat(
            codes(
                "version: 1\nsteps:\n  a: {type: generate, takes: 2}\n  h: {type: generate, matrix: {m: [x, y]}}\n  s: {type: select, from: h, pick: longest}\n"
                    + "album: {title: T, tracks: [{step: a, title: A}, {step: 'a#1', title: B}, {step: 'h[m=y]', title: C}, {step: s, title: D}]}\n"))
        .isEmpty();
  }

  @Test
  void albumTitlesMustBeUniqueIgnoringCaseAndDirMustStayInside() {
    assertThat(
            codes(
                "version: 1\nsteps:\n  a: {type: generate}\nalbum: {title: T, dir: /tmp/x, tracks: [{step: a, title: Same}, {step: a, title: SAME}]}\n"))
        .containsExactly("output-path 4:24", "album 4:82");
  }
}
