package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lint corpus: every {@code lint/NAME.yaml} is valid (warnings only) and yields exactly the
 * warnings listed in {@code NAME.expected}; together they cover every lint code.
 */
class MusicLintCorpusTest {
  private static final Path ROOT = Path.of("src/test/resources/pipelines/lint");
  private final PipelineChecker checker = new PipelineChecker();

  static Stream<Path> lintFiles() throws IOException {
    try (Stream<Path> files = Files.list(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lintFiles")
  void lintFileIsValidAndWarnsExactlyAsExpected(Path file) throws IOException {
    List<String> expected =
        Files.readAllLines(Path.of(file.toString().replaceAll("\\.yaml$", ".expected"))).stream()
            .filter(l -> !l.isBlank())
            .toList();

    CheckResult result = checker.check(file, file.getFileName().toString());

    assertThat(result.isValid()).as(result.diagnostics().toString()).isTrue();
    assertThat(result.diagnostics())
        .allSatisfy(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.hintText()).as(d.toString()).isPresent();
            });
    assertThat(
            result.diagnostics().stream()
                .map(d -> d.code() + " " + d.location().line() + ":" + d.location().column()))
        .as(result.diagnostics().toString())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theCorpusFiresEveryLintCode() throws IOException {
    List<String> codes =
        lintFiles()
            .flatMap(
                f -> {
                  try {
                    return Files.readAllLines(
                        Path.of(f.toString().replaceAll("\\.yaml$", ".expected")))
                        .stream();
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .filter(l -> !l.isBlank())
            .map(l -> l.split(" ")[0])
            .distinct()
            .toList();

    assertThat(codes).containsAll(Codes.LINT);
  }

  @Test
  void anUnknownCodeInLintIgnoreIsALocatedErrorWithASuggestion() {
    CheckResult result =
        checker.check(
            "version: 1\nsteps:\n  a:\n    type: generate\n    prompt: x\n    lint: {ignore: [bpm-rang]}\n",
            "p.yaml");

    assertThat(result.isValid()).isFalse();
    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.UNKNOWN_KEY);
              assertThat(d.location().line()).isEqualTo(6);
              assertThat(d.hint()).contains("bpm-range");
            });
  }
}
