package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void unknownOptionIsAUsageErrorWithoutStackTrace() {
    int code = run("--no-such-option");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Unknown option").doesNotContain("at dev.acepipe");
  }

  @Test
  void helpListsTheCommandAndExitsZero() {
    int code = run("--help");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("Usage: engine");
  }
}
