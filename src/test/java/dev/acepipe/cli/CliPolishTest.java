package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small things a new user trips over: suggestions, plurals, a taken port, the schema, library
 * files.
 */
@Timeout(120)
class CliPolishTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            Map.of())
        .run(args);
  }

  @Test
  void aMistypedSubcommandGetsADidYouMeanAndAHelpHintWithOneSpace() {
    int code = run("rnu");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("Did you mean 'engine run'?")
        .contains("Try 'engine --help'.")
        .doesNotContain("engine  --help");
  }

  @Test
  void onlyWithAMistypedStepSuggestsTheClosestOne() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file, "version: 1\nname: p\nsteps:\n  draft:\n    type: generate\n    duration: 10\n");

    int code = run("run", file.toString(), "--only", "drat");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--only names no step: drat (did you mean 'draft'?)");
  }

  @Test
  void theRunSummarySaysOneStepAndCountsOthersInThePlural() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "version: 1\nname: p\nseed: 2\nsteps:\n  draft:\n    type: generate\n    prompt: x\n"
            + "    lyrics: \"[inst]\"\n    duration: 10\n");

    int code = run("run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).containsPattern("\\(1 step, 1 take, \\d+ requests to ");
  }

  @Test
  void aPortAlreadyInUseIsOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {

      int code =
          run(
              "serve",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--output-dir",
              dir.resolve("srv").toString());

      assertThat(code).isNotZero();
      assertThat(err.toString().lines().toList())
          .singleElement()
          .asString()
          .startsWith("engine: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
          .containsIgnoringCase("in use");
    }
  }

  @Test
  void schemaPrintsTheJsonSchemaWithItsStableId() throws Exception {
    int code = run("schema");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode schema = new ObjectMapper().readTree(out.toString());
    assertThat(schema.path("$id").asText())
        .isEqualTo("https://acepipe.dev/schemas/pipeline.schema.json");
    assertThat(schema.path("properties").has("steps")).isTrue();
  }

  @Test
  void aLibraryFileForIncludeIsValidatedOnItsOwnAndItsErrorsAreLocatedInIt() throws Exception {
    Path good = Path.of("dsl-examples/lib/house-style.yaml");
    Path bad = dir.resolve("bad-lib.yaml");
    Files.writeString(bad, "version: 1\ntemplates:\n  loud:\n    type: generate\n    bpm: 500\n");

    int code = run("validate", good.toString(), bad.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(out.toString())
        .contains("✓ dsl-examples/lib/house-style.yaml (library for include:)")
        .contains("✘ " + bad + " (library for include:)");
    assertThat(err.toString())
        .contains(bad + ":5:10: error[out-of-range]")
        .doesNotContain(".library-check")
        .doesNotContain("missing 'steps'");
  }

  @Test
  void anOutputInAnAudioFormatAcepipeCannotWriteIsALocatedValidationError() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        "version: 1\nname: p\nsteps:\n  draft:\n    type: generate\n    duration: 10\n"
            + "outputs:\n  draft: out/draft.ogg\n");

    int code = run("validate", file.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .contains(file + ":8:10: error[output-path]: output path 'out/draft.ogg' asks for .ogg");
  }
}
