package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateJUnitTest {
  @TempDir Path dir;

  @Test
  void writesOneTestCasePerFileWithDiagnosticsAsFailures() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "version: 1\nname: x\nsteps:\n  a:\n    type: generate\n    bpm: 999\n");
    Path junit = dir.resolve("validate.xml");

    int code =
        new Main(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]))
            .run(
                "validate",
                "dsl-examples/single-song.yaml",
                bad.toString(),
                "--junit",
                junit.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    String xml = Files.readString(junit);
    assertThat(xml)
        .contains("tests=\"2\"", "failures=\"1\"", "name=\"dsl-examples/single-song.yaml\"");
    assertThat(xml).contains("type=\"out-of-range\"").contains("bad.yaml:6:10");
  }
}
