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

/**
 * `engine plan` with --set and --params against typed params, and validate printing included files.
 */
class ParamsOptionsTest {
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
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private static final String PIPELINE =
      "version: 1\nparams:\n  tempo: {type: int, default: 100}\n  mood: {type: enum, values: [calm, dark], default: calm}\n"
          + "steps:\n  a: {type: generate, bpm: '${params.tempo}', prompt: '${params.mood}'}\n";

  @Test
  void setWinsOverTheParamsFileAndBothReachThePlan() throws IOException {
    Path p = write("p.yaml", PIPELINE);
    Path values = write("values.yaml", "tempo: 90\nmood: dark\n");

    int exit =
        run(
            "plan",
            p.toString(),
            "--params",
            values.toString(),
            "--set",
            "tempo=120",
            "--format",
            "json");

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode plan = new ObjectMapper().readTree(out.toString());
    assertThat(plan.at("/params/tempo").asText()).isEqualTo("120");
    assertThat(plan.at("/params/mood").asText()).isEqualTo("dark");
    assertThat(plan.at("/steps/0/fields/bpm").asLong()).isEqualTo(120);
  }

  @Test
  void aWrongTypeInTheParamsFileIsPrintedAtItsLineWithACaret() throws IOException {
    Path p = write("p.yaml", PIPELINE);
    Path values = write("values.yaml", "mood: dark\ntempo: fast\n");

    int exit = run("plan", p.toString(), "--params", values.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .startsWith(
            values
                + ":2:8: error[wrong-type]: param 'tempo' is int, but --params gives 'fast', which is not a whole number\ntempo: fast\n       ^\n");
  }

  @Test
  void anUndeclaredSetIsRejectedWithADidYouMean() throws IOException {
    Path p = write("p.yaml", PIPELINE);

    int exit = run("plan", p.toString(), "--set", "tempi=3");

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .contains("error[unknown-param]: 'tempi' is not a parameter")
        .contains("hint: did you mean 'tempo'?");
  }

  @Test
  void aMissingOrMalformedParamsFileIsAUsageError() throws IOException {
    Path p = write("p.yaml", PIPELINE);
    Path nested = write("nested.yaml", "tempo:\n  value: 3\n");

    assertThat(run("plan", p.toString(), "--params", dir.resolve("nope.yaml").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("plan", p.toString(), "--params", nested.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("no such params file")
        .contains(nested + ":2:3: error[wrong-type]: param 'tempo' must be a plain value");
  }

  @Test
  void validatePrintsTheSourceLineOfAnIncludedFile() throws IOException {
    write("lib/style.yaml", "version: 1\ndefaults:\n  bpm: 500\n");
    Path p =
        write("p.yaml", "version: 1\ninclude: [lib/style.yaml]\nsteps:\n  a: {type: generate}\n");

    int exit = run("validate", p.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    String lib = Path.of(p.toString()).getParent().resolve("lib/style.yaml").toString();
    assertThat(err.toString())
        .isEqualTo(
            lib
                + ":3:8: error[out-of-range]: 'bpm' must be between 30 and 300, got 500\n  bpm: 500\n       ^\n");
  }
}
