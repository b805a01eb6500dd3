package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Lint warnings pass {@code validate} (exit 0) and fail it under {@code --strict} (exit 3), located
 * either way.
 */
class StrictLintCommandTest {
  private static final Path BPM = Path.of("src/test/resources/pipelines/lint/bpm-range.yaml");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void aLintWarningIsPrintedWithItsLocationAndLeavesTheExitCodeAtZero() {
    int exit = run("validate", BPM.toString());

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(err.toString())
        .contains(BPM + ":7:10: warning[bpm-range]")
        .contains("halve it to 100");
  }

  @Test
  void strictMakesTheWarningAnErrorAndExitsThree() {
    int exit = run("validate", "--strict", BPM.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains(BPM + ":7:10: error[bpm-range]");
  }

  @Test
  void runStrictRefusesToStartOnAWarning() {
    int exit = run("run", "--strict", BPM.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains("error[bpm-range]");
  }
}
