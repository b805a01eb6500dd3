package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus: every {@code invalid/NAME.yaml} yields exactly the diagnostics listed in
 * {@code NAME.expected} (one {@code CODE LINE:COL} per line, in order); every {@code valid/*.yaml}
 * is valid and plans.
 */
class PipelineCorpusTest {
  private static final Path ROOT = Path.of("src/test/resources/pipelines");
  private final PipelineChecker checker = new PipelineChecker();

  static Stream<Path> invalidFiles() throws IOException {
    return yamlFiles(ROOT.resolve("invalid"));
  }

  static Stream<Path> validFiles() throws IOException {
    return yamlFiles(ROOT.resolve("valid"));
  }

  private static Stream<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidPipelineGivesExactlyTheExpectedDiagnostics(Path file) throws IOException {
    Path expectedFile = Path.of(file.toString().replaceAll("\\.yaml$", ".expected"));
    List<String> expected =
        Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();

    CheckResult result = checker.check(file, file.getFileName().toString());

    List<String> actual =
        result.diagnostics().stream()
            .map(d -> d.code() + " " + d.location().line() + ":" + d.location().column())
            .toList();
    assertThat(result.isValid()).isFalse();
    assertThat(actual).as(result.diagnostics().toString()).containsExactlyElementsOf(expected);
    // a diagnostic about an included file points into that file (corpus libraries live under lib/)
    assertThat(result.diagnostics())
        .allSatisfy(
            d ->
                assertThat(d.location().file())
                    .satisfiesAnyOf(
                        f -> assertThat(f).isEqualTo(file.getFileName().toString()),
                        f -> assertThat(f).startsWith("lib/")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validPipelineHasNoDiagnosticsAndPlans(Path file) {
    CheckResult result = checker.check(file, file.getFileName().toString());

    assertThat(result.diagnostics()).isEmpty();
    PlanResult plan =
        new Planner().plan(result.valid().orElseThrow(), new PlanInputs(Map.of(), Map.of()));
    assertThat(plan.diagnostics()).isEmpty();
    assertThat(plan.plan().order()).isNotEmpty();
  }

  @Test
  void corpusIsLargeEnoughAndCoversEveryIssueCode() throws IOException {
    List<Path> invalid = invalidFiles().toList();
    List<String> codes =
        invalid.stream().flatMap(PipelineCorpusTest::expectedCodes).distinct().toList();

    assertThat(invalid).hasSizeGreaterThanOrEqualTo(40);
    assertThat(validFiles().toList()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(codes)
        .containsAll(
            List.of(
                Codes.YAML_SYNTAX,
                Codes.DUPLICATE_KEY,
                Codes.UNSAFE_YAML,
                Codes.UNKNOWN_KEY,
                Codes.WRONG_TYPE,
                Codes.MISSING_FIELD,
                Codes.OUT_OF_RANGE,
                Codes.UNKNOWN_KIND,
                Codes.UNKNOWN_STEP,
                Codes.BAD_TAKE,
                Codes.CYCLE,
                Codes.BAD_EXPRESSION,
                Codes.REPAINT_WINDOW,
                Codes.OUTPUT_PATH,
                Codes.UNSUPPORTED_VERSION,
                Codes.MATRIX_REF,
                Codes.UNKNOWN_TEMPLATE,
                Codes.SELECT_RULE,
                Codes.INCLUDE,
                Codes.IMPORT_FILE,
                Codes.UNKNOWN_PARAM,
                Codes.ALBUM));
  }

  private static Stream<String> expectedCodes(Path yaml) {
    try {
      return Files.readAllLines(Path.of(yaml.toString().replaceAll("\\.yaml$", ".expected")))
          .stream()
          .filter(l -> !l.isBlank())
          .map(l -> l.split(" ")[0]);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
