package dev.acepipe.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include: resolution, precedence, templates with use:, and diagnostics located in the right file.
 */
class IncludesTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private CheckResult check(Path file) {
    return new PipelineChecker().check(file, dir.relativize(file).toString());
  }

  private static final String LIB =
      "version: 1\n"
          + "params:\n  mood: {type: enum, values: [calm, dark], default: calm}\n"
          + "defaults:\n  duration: 20\n  bpm: 90\n"
          + "vars:\n  style: library\n  shared: from lib\n"
          + "templates:\n  song:\n    type: generate\n    prompt: ${vars.style}, ${params.mood}\n    key: A minor\n";

  @Test
  void includedDefaultsVarsParamsAndTemplatesApplyAndTheIncludingFileWins() throws IOException {
    write("lib/style.yaml", LIB);
    Path main =
        write(
            "main.yaml",
            "version: 1\ninclude: [lib/style.yaml]\ndefaults:\n  bpm: 120\nvars:\n  style: mine\n"
                + "params:\n  mood: {type: enum, values: [calm, dark], default: dark}\n"
                + "steps:\n  a:\n    use: song\n    key: C major\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics()).isEmpty();
    Pipeline p = r.pipeline();
    Step a = p.steps().get("a");
    assertThat(a.kind()).isEqualTo(StepKind.GENERATE);
    assertThat(a.templateName()).contains("song");
    assertThat(a.field(StepField.KEY).orElseThrow().constant()).contains("C major");
    assertThat(a.field(StepField.BPM).orElseThrow().constant()).contains("120");
    assertThat(a.field(StepField.DURATION).orElseThrow().constant()).contains("20");
    assertThat(p.vars().get("style").constant()).contains("mine");
    assertThat(p.vars().get("shared").constant()).contains("from lib");
    assertThat(p.params().get("mood").defaultValue()).isEqualTo("dark");
    assertThat(p.includes()).containsExactly("lib/style.yaml");
  }

  @Test
  void keysTakenFromATemplateAreLocatedInTheTemplatesFile() throws IOException {
    write("lib/style.yaml", LIB.replace("key: A minor", "key: A minor\n    bpm: 500"));
    Path main =
        write("main.yaml", "version: 1\ninclude: [lib/style.yaml]\nsteps:\n  a:\n    use: song\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.OUT_OF_RANGE);
              assertThat(d.location()).isEqualTo(new SourceLocation("lib/style.yaml", 15, 10));
            });
    assertThat(r.sources()).containsKey("lib/style.yaml");
  }

  @Test
  void laterIncludesWinOverEarlierOnesAndNestedIncludesLoadFirst() throws IOException {
    write("lib/base.yaml", "version: 1\nvars:\n  who: base\n  only_base: yes\n");
    write("lib/a.yaml", "version: 1\ninclude: [base.yaml]\nvars:\n  who: a\n");
    write("lib/b.yaml", "version: 1\nvars:\n  who: b\n");
    Path main =
        write(
            "main.yaml",
            "version: 1\ninclude: [lib/a.yaml, lib/b.yaml]\nsteps:\n  x: {type: generate, prompt: '${vars.who} ${vars.only_base}'}\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.pipeline().vars().get("who").constant()).contains("b");
    assertThat(r.pipeline().includes())
        .containsExactly("lib/base.yaml", "lib/a.yaml", "lib/b.yaml");
  }

  @Test
  void aCycleIsReportedAtTheIncludeThatClosesItNamingTheChain() throws IOException {
    write("lib/a.yaml", "version: 1\ninclude: [b.yaml]\n");
    write("lib/b.yaml", "version: 1\ninclude:\n  - a.yaml\n");
    Path main =
        write("main.yaml", "version: 1\ninclude: [lib/a.yaml]\nsteps:\n  x: {type: generate}\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.INCLUDE);
              assertThat(d.location()).isEqualTo(new SourceLocation("lib/b.yaml", 3, 5));
              assertThat(d.message()).isEqualTo("include cycle: a.yaml → b.yaml → a.yaml");
            });
  }

  @Test
  void aFileIncludedTwiceThroughADiamondIsNotACycle() throws IOException {
    write("lib/base.yaml", "version: 1\nvars:\n  v: base\n");
    write("lib/a.yaml", "version: 1\ninclude: [base.yaml]\n");
    write("lib/b.yaml", "version: 1\ninclude: [base.yaml]\n");
    Path main =
        write(
            "main.yaml",
            "version: 1\ninclude: [lib/a.yaml, lib/b.yaml]\nsteps:\n  x: {type: generate, prompt: '${vars.v}'}\n");

    assertThat(check(main).diagnostics()).isEmpty();
  }

  @Test
  void aMissingIncludeAndAnUnknownTemplateAreLocatedInTheIncludingFile() throws IOException {
    Path main =
        write("main.yaml", "version: 1\ninclude: [lib/nope.yaml]\nsteps:\n  x:\n    use: song\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location())
        .containsExactly("include main.yaml:2:11", "unknown-template main.yaml:5:10");
  }

  @Test
  void syntaxErrorsAndUnknownKeysOfAnIncludedFileAreReportedThere() throws IOException {
    write("lib/bad.yaml", "version: 1\nsteps: {}\nvars: [oops\n");
    write("lib/odd.yaml", "version: 1\nsteps:\n  a: {type: generate}\n");
    Path main =
        write(
            "main.yaml",
            "version: 1\ninclude: [lib/bad.yaml, lib/odd.yaml]\nsteps:\n  x: {type: generate}\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly(Codes.YAML_SYNTAX, Codes.UNKNOWN_KEY);
    assertThat(r.diagnostics())
        .extracting(d -> d.location().file())
        .containsExactly("lib/bad.yaml", "lib/odd.yaml");
  }

  @Test
  void aStepCanOverrideTheTemplatesTypeAndAnUnusedTemplatesTyposAreStillReported()
      throws IOException {
    Path main =
        write(
            "main.yaml",
            "version: 1\ntemplates:\n  song: {type: generate, prompt: p, duration: 20}\n  odd: {type: generate, colour: red}\n"
                + "steps:\n  a: {use: song}\n  b: {use: song, type: cover, from: a}\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location())
        .containsExactly("unknown-key main.yaml:4:25");
    assertThat(r.pipeline().steps().get("b").kind()).isEqualTo(StepKind.COVER);
    assertThat(r.pipeline().steps().get("b").field(StepField.PROMPT).orElseThrow().constant())
        .contains("p");
  }

  @Test
  void anIncludedFileMustBeVersionOneAndMayNotDeclareSteps() throws IOException {
    write("lib/v2.yaml", "version: 2\nsteps: {}\n");
    write("lib/notes.txt", "secret");
    Path main =
        write(
            "main.yaml",
            "version: 1\ninclude: [lib/v2.yaml, lib/notes.txt]\nsteps:\n  x: {type: generate}\n");

    CheckResult r = check(main);

    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.location())
        .containsExactly(
            "include main.yaml:2:24",
            "unsupported-version lib/v2.yaml:1:10",
            "unknown-key lib/v2.yaml:2:1");
  }
}
