package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndPlanCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void validFilesGetACheckMarkAndExitZero() {
    int exit = run("validate", "dsl-examples/single-song.yaml", "dsl-examples/edit-chain.yaml");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .isEqualTo("✓ dsl-examples/single-song.yaml\n✓ dsl-examples/edit-chain.yaml\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void invalidFileIsPrintedWithSourceLineCaretAndHintAndValidationContinues() throws IOException {
    Path bad =
        write(
            "night.yaml",
            "version: 1\nsteps:\n  draft:\n    type: generate\n  longer:\n    type: continue\n    from: draf\n    seconds: 10\n");

    int exit = run("validate", bad.toString(), "dsl-examples/single-song.yaml");

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(out.toString()).isEqualTo("✘ " + bad + "\n✓ dsl-examples/single-song.yaml\n");
    assertThat(err.toString())
        .isEqualTo(
            bad
                + ":7:11: error[unknown-step]: 'from: draf' names no step\n"
                + "    from: draf\n"
                + "          ^\n"
                + "hint: did you mean 'draft'?\n");
  }

  @Test
  void jsonFormatListsDiagnosticsPerFile() throws IOException {
    Path bad = write("bad.yaml", "version: 1\nsteps:\n  a:\n    type: generate\n    bpm: 500\n");

    int exit = run("validate", "--format", "json", bad.toString());

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(json.path("valid").asBoolean()).isFalse();
    JsonNode d = json.at("/files/0/diagnostics/0");
    assertThat(d.path("code").asText()).isEqualTo("out-of-range");
    assertThat(d.path("line").asInt()).isEqualTo(5);
    assertThat(d.path("column").asInt()).isEqualTo(10);
  }

  @Test
  void missingFileIsAUsageError() {
    int exit =
        run("validate", dir.resolve("nope.yaml").toString(), "dsl-examples/single-song.yaml");

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString()).contains("✘ ", "✓ dsl-examples/single-song.yaml");
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void validateWithoutFilesIsAUsageError() {
    int exit = run("validate");

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void planPrintsLevelsInTextByDefault() {
    int exit = run("plan", "dsl-examples/edit-chain.yaml");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .startsWith(
            "plan edit-chain: 4 steps, 4 levels, seed 7\nserver embedded\nlevel 0\n  draft  generate  takes 2\n")
        .contains(
            "  longer  continue  takes 1  from draft#1  after draft\n",
            "    prompt: synthwave, analog pads, gated drums, male vocals, big chorus\n");
  }

  @Test
  void planJsonCarriesEveryStepWithItsFields() throws IOException {
    int exit =
        run("plan", "--format", "json", "--set", "bpm=120", "dsl-examples/moods-matrix.yaml");

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(json.path("steps")).hasSize(5);
    assertThat(json.at("/steps/0/id").asText()).isEqualTo("theme[mood=calm]");
    assertThat(json.at("/steps/0/fields/bpm").asLong()).isEqualTo(120);
    assertThat(json.at("/levels/2/0").asText()).isEqualTo("mixdown");
  }

  @Test
  void planDotAndMermaidRenderTheGraph() {
    assertThat(run("plan", "--format", "dot", "dsl-examples/format-then-generate.yaml")).isZero();
    assertThat(out.toString()).contains("\"words\" -> \"song\";");

    assertThat(run("plan", "--format", "mermaid", "dsl-examples/format-then-generate.yaml"))
        .isZero();
    assertThat(out.toString()).contains("n0 --> n1");
  }

  @Test
  void planOfAnInvalidPipelineExitsThreeWithDiagnostics() throws IOException {
    Path bad =
        write(
            "cycle.yaml",
            "version: 1\nsteps:\n  a: {type: cover, from: b}\n  b: {type: cover, from: a}\n");

    int exit = run("plan", bad.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains("error[cycle]: steps form a cycle: a → b → a");
  }

  @Test
  void unknownFormatIsAUsageError() {
    int exit = run("plan", "--format", "svg", "dsl-examples/single-song.yaml");

    assertThat(exit).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void noSchemaStillRunsTheEngineChecks() throws IOException {
    Path bad = write("bad.yaml", "version: 1\nsteps:\n  a:\n    type: generate\n    bpm: 500\n");

    int exit = run("validate", "--no-schema", bad.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .contains(bad + ":5:10: error[out-of-range]: 'bpm' must be between 30 and 300, got 500");
  }

  @Test
  void planWithMissingParamExitsThreeAndNamesTheFlag() throws IOException {
    Path p =
        write(
            "p.yaml",
            "version: 1\nsteps:\n  a:\n    type: generate\n    prompt: ${params.style}\n");

    int exit = run("plan", p.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("error[missing-value]", "hint: pass --set style=VALUE");
  }
}
