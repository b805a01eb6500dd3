package dev.acepipe.report.html;

import static dev.acepipe.report.html.SampleRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path runDir;

  @Test
  void writesReportAndOneWaveformPerTakeIntoTheRunDirectory() throws Exception {
    SampleRuns.writeAudio(runDir);

    Path report = HtmlReport.write(SampleRuns.nightDrive(), runDir);

    assertThat(report).isEqualTo(runDir.resolve("report.html"));
    assertThat(
            Files.list(runDir.resolve(HtmlReport.ASSETS))
                .map(p -> p.getFileName().toString())
                .sorted())
        .containsExactly("step-1-take-0.png", "step-1-take-1.png", "step-2-take-0.png");
    assertThat(Files.list(runDir).map(p -> p.getFileName().toString()))
        .noneMatch(n -> n.endsWith(".part"));
  }

  @Test
  void drawsOneGraphNodePerStepAndOneEdgePerDependency() throws Exception {
    SampleRuns.writeAudio(runDir);

    String html = Files.readString(HtmlReport.write(SampleRuns.nightDrive(), runDir));

    assertThat(count(html, "<g class=\"node ")).isEqualTo(6);
    assertThat(count(html, "<path class=\"edge\"")).isEqualTo(5);
    assertThat(html).contains("data-step=\"fixed\"").contains("class=\"node state-failed\"");
  }

  @Test
  void linksOnlyRelativelySoTheReportOpensOffline() throws Exception {
    SampleRuns.writeAudio(runDir);

    String html = Files.readString(HtmlReport.write(SampleRuns.nightDrive(), runDir));

    List<String> refs = attributes(html, "(?:src|href)");
    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            r ->
                assertThat(r)
                    .doesNotContain("//")
                    .doesNotStartWith("/")
                    .doesNotContain(runDir.toString()));
    assertThat(html).doesNotContain("<script").doesNotContain("<link rel=\"stylesheet\"");
    assertThat(html)
        .contains("<audio controls preload=\"metadata\" src=\"takes/longer/take%200.wav\">");
    assertThat(html).contains("<img class=\"waveform\" src=\"report-files/step-1-take-1.png\"");
  }

  @Test
  void showsStepFactsSeedsAndPrettyRequestWithSecretsRedacted() throws Exception {
    SampleRuns.writeAudio(runDir);

    String html = Files.readString(HtmlReport.write(SampleRuns.nightDrive(), runDir));

    assertThat(html).doesNotContain("sk-live-123", "abc.def", "t0k3n");
    assertThat(html).contains("&quot;api_key&quot; : &quot;***&quot;");
    assertThat(html).contains("<dt>seeds</dt><dd>11, 12</dd>");
    assertThat(html).contains("take 1 \u00b7 2.00 s \u00b7 seed 12 \u00b7");
    assertThat(html).contains("<dt>attempts</dt><dd>3</dd>");
    assertThat(html).contains("<dt>duration</dt><dd>20.000 s</dd>");
    assertThat(html).contains("&quot;max_tokens&quot; : 512");
  }

  @Test
  void escapesEveryTextItShows() throws Exception {
    StepRun evil =
        step(
            "<img src=x onerror=alert(1)>",
            "generate",
            StepRun.State.FAILED,
            "bad \"quote\" & <b>tag</b>\u0007",
            1,
            0,
            5,
            SampleRuns.request("{\"prompt\":\"</pre><script>x</script>\"}"),
            List.of(),
            List.of());
    RunReport run =
        new RunReport(
            "<name>",
            "a&b.yaml",
            "r'1",
            SampleRuns.T0,
            SampleRuns.T0.plusSeconds(1),
            1,
            "",
            List.of(evil),
            "",
            List.of(),
            null);

    String html = Files.readString(HtmlReport.write(run, runDir));

    assertThat(html).doesNotContain("<img src=x", "<script>", "<b>tag", "<name>", "\u0007");
    assertThat(html)
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("&lt;/pre&gt;&lt;script&gt;")
        .contains("bad &quot;quote&quot; &amp; &lt;b&gt;tag&lt;/b&gt;");
  }

  @Test
  void notesMissingAudioInsteadOfLinkingAPlayerThatCannotLoad() throws Exception {
    Path report = HtmlReport.write(SampleRuns.nightDrive(), runDir);

    String html = Files.readString(report);

    assertThat(html).doesNotContain("<audio").doesNotContain("<img class=\"waveform\"");
    assertThat(html).contains("audio file not found: takes/draft/take-0.wav");
  }

  @Test
  void notesAudioThatCannotBeDecodedButKeepsItsPlayer() throws Exception {
    Path bad = runDir.resolve("takes/a.wav");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "garbage");
    RunReport run =
        SampleRuns.run(
            List.of(
                step(
                    "a",
                    "generate",
                    StepRun.State.PASSED,
                    "",
                    1,
                    0,
                    5,
                    null,
                    List.of(),
                    List.of(new TakeRun(0, "takes/a.wav", "", 1, 1L, 1L, "m", null)))));

    String html = Files.readString(HtmlReport.write(run, runDir));

    assertThat(html)
        .contains("<audio controls")
        .contains("no waveform:")
        .doesNotContain("<img class=\"waveform\"");
  }

  @Test
  void rewritingAReportReplacesIt() throws Exception {
    SampleRuns.writeAudio(runDir);
    HtmlReport.write(SampleRuns.nightDrive(), runDir);

    HtmlReport.write(SampleRuns.run(List.of()), runDir);

    assertThat(Files.readString(runDir.resolve("report.html")))
        .contains("<title>p \u00b7 run-1 \u00b7 passed");
  }

  @Test
  void formatsDurationsForPeople() {
    assertThat(HtmlReport.duration(java.time.Duration.ofMillis(250))).isEqualTo("0.250 s");
    assertThat(HtmlReport.duration(java.time.Duration.ofMillis(123_500)))
        .isEqualTo("2 min 03.500 s");
    assertThat(HtmlReport.duration(java.time.Duration.ofSeconds(3723)))
        .isEqualTo("1 h 02 min 03 s");
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> attributes(String html, String names) {
    Matcher m = Pattern.compile("\\s" + names + "=\"([^\"]*)\"").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
