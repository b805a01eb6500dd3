package dev.acepipe.report.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.report.html.SampleRuns;
import dev.acepipe.report.html.StepRun;
import dev.acepipe.report.junit.ValidatedFile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepSummaryTest {
  @Test
  void listsEveryStepWithStateDurationAttemptsAndTakes() {
    String md = StepSummary.forRun(SampleRuns.nightDrive(), "", Optional.empty());

    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| step")))
        .containsExactly(
            "| words | format | \u2705 passed | 1.200 s | 1 | 0 |",
            "| draft | generate | \u267b\ufe0f cached | 0.010 s | 0 | 2 |",
            "| longer | continue | \u2705 passed | 18.790 s | 2 | 1 |",
            "| fixed | repaint | \u274c failed | 20.000 s | 3 | 0 |",
            "| unplugged | cover | \u23ed\ufe0f skipped | \u2014 | 0 | 0 |",
            "| extra | cover | \u2705 passed | 7.790 s | 1 | 0 |");
    assertThat(md)
        .contains("3 passed, 1 cached, 1 failed, 1 skipped \u00b7 42.500 s \u00b7 exit code 1");
    assertThat(md)
        .contains(
            "**Failures**\n\n- fixed: job failed after 3 attempts: server said &lt;CUDA out of memory&gt;"
                + " &amp; gave up\n");
    assertThat(md).doesNotContain("HTML report");
  }

  @Test
  void passedRunHasAGreenHeadline() {
    String md = StepSummary.forRun(SampleRuns.run(List.of()), "r/report.html", Optional.empty());

    assertThat(md)
        .startsWith("### \u2705 acepipe run p passed")
        .contains("HTML report: r/report.html\n");
  }

  @Test
  void escapesMarkdownSoAStepIdCannotBreakTheTable() {
    var step =
        SampleRuns.step(
            "a|b*c_[x](y)\n<br>",
            "generate",
            StepRun.State.PASSED,
            "",
            1,
            0,
            1,
            null,
            List.of(),
            List.of());

    String md = StepSummary.forRun(SampleRuns.run(List.of(step)), "", Optional.empty());

    assertThat(md).contains("| a\\|b\\*c\\_\\[x\\](y) &lt;br&gt; | generate |");
  }

  @Test
  void summarisesValidationPerFileAndListsDiagnostics() {
    var d = Diagnostic.error("cycle", new SourceLocation("b.yaml", 2, 3), "a -> b -> a");
    String md =
        StepSummary.forValidation(
            List.of(
                new ValidatedFile("a.yaml", List.of(), Duration.ZERO),
                new ValidatedFile("b.yaml", List.of(d), Duration.ZERO)));

    assertThat(md).startsWith("### \u274c acepipe validate: 1 of 2 pipeline files valid");
    assertThat(md).contains("| a.yaml | \u2705 valid |").contains("| b.yaml | \u274c 1 error |");
    assertThat(md).contains("- b.yaml:2:3: error\\[cycle\\]: a -&gt; b -&gt; a");
  }
}
