package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ServerTimelineTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static JobSpan span(String server, String step, double from, double to, JobSpan.State state) {
    return new JobSpan(
        server,
        step,
        0,
        T0.plusMillis(Math.round(from * 1000)),
        T0.plusMillis(Math.round(to * 1000)),
        state);
  }

  /** Two servers over 10 s: gpu-1 busy 0-4 and 4-8 (8 s), gpu-2 busy 0-5 with a moved job. */
  static List<JobSpan> sample() {
    return List.of(
        span("gpu-1", "a", 0, 4, JobSpan.State.SUCCEEDED),
        span("gpu-2", "b", 0, 3, JobSpan.State.MOVED),
        new JobSpan("gpu-1", "b", 1, T0.plusSeconds(4), T0.plusSeconds(8), JobSpan.State.SUCCEEDED),
        span("gpu-2", "c", 2, 5, JobSpan.State.FAILED),
        span("gpu-1", "d", 9, 10, JobSpan.State.SUCCEEDED));
  }

  private static Document svg(String section) throws Exception {
    int from = section.indexOf("<svg");
    int to = section.indexOf("</svg>") + "</svg>".length();
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(
            new ByteArrayInputStream(section.substring(from, to).getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document d, String tag) {
    NodeList list = d.getElementsByTagName(tag);
    List<Element> out = new java.util.ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  @Test
  void drawsOneRowPerServerAndOneBarPerJobColouredByState() throws Exception {
    String section = ServerTimeline.section(sample(), T0, Map.of("a", "step-0", "b", "step-1"));

    Document d = svg(section);
    List<Element> rows =
        elements(d, "g").stream()
            .filter(g -> g.getAttribute("class").equals("server-row"))
            .toList();
    List<Element> bars =
        elements(d, "rect").stream()
            .filter(r -> r.getAttribute("class").startsWith("job "))
            .toList();

    assertThat(rows)
        .extracting(r -> r.getAttribute("data-server"))
        .containsExactly("gpu-1", "gpu-2");
    assertThat(bars).hasSize(5);
    assertThat(bars)
        .extracting(r -> r.getAttribute("class"))
        .containsExactly(
            "job state-succeeded",
            "job state-succeeded",
            "job state-succeeded",
            "job state-moved",
            "job state-failed");
    assertThat(bars.get(3).getAttribute("fill")).isEqualTo("#7a6a1f");
    assertThat(bars.get(1).getAttribute("data-job")).isEqualTo("1");
    assertThat(bars.get(1).getTextContent())
        .isEqualTo("b (job 2) on gpu-1: 4.0\u20138.0 s (succeeded)");
    assertThat(section)
        .contains("<a href=\"#step-0\"><rect class=\"job state-succeeded\" data-step=\"a\"");
  }

  @Test
  void barsArePlacedInProportionToTime() throws Exception {
    Document d = svg(ServerTimeline.section(sample(), T0, Map.of()));
    List<Element> bars =
        elements(d, "rect").stream()
            .filter(r -> r.getAttribute("class").startsWith("job "))
            .toList();

    double x0 = Double.parseDouble(bars.get(0).getAttribute("x"));
    double scale = ServerTimeline.CHART_W / 10.0;

    assertThat(x0).isEqualTo(8 + ServerTimeline.LABEL_W);
    assertThat(Double.parseDouble(bars.get(0).getAttribute("width")))
        .isCloseTo(4 * scale, within(0.1));
    assertThat(Double.parseDouble(bars.get(1).getAttribute("x")))
        .isCloseTo(x0 + 4 * scale, within(0.1));
    assertThat(Double.parseDouble(bars.get(2).getAttribute("x")))
        .isCloseTo(x0 + 9 * scale, within(0.1));
    // Rows sit one under the other.
    assertThat(
            Integer.parseInt(bars.get(3).getAttribute("y"))
                - Integer.parseInt(bars.get(0).getAttribute("y")))
        .isEqualTo(ServerTimeline.ROW_H);
  }

  @Test
  void utilizationCountsOverlappingJobsOnceAndNeverPassesAll() {
    List<ServerTimeline.Utilization> use = ServerTimeline.utilization(sample(), 10);

    // gpu-1: 0-4, 4-8, 9-10 = 9 s; gpu-2: 0-3 and 2-5 overlap = 5 s.
    assertThat(use)
        .extracting(ServerTimeline.Utilization::server)
        .containsExactly("gpu-1", "gpu-2");
    assertThat(use.get(0).busy()).isEqualTo(Duration.ofSeconds(9));
    assertThat(use.get(0).share()).isCloseTo(0.9, within(1e-9));
    assertThat(use.get(1).busy()).isEqualTo(Duration.ofSeconds(5));
    assertThat(use.get(1).jobs()).isEqualTo(2);
    assertThat(
            ServerTimeline.utilization(
                    List.of(
                        span("x", "a", 0, 10, JobSpan.State.SUCCEEDED),
                        span("x", "b", 0, 10, JobSpan.State.SUCCEEDED)),
                    10)
                .get(0)
                .share())
        .isEqualTo(1.0);
  }

  @Test
  void theTableNamesEveryServersUtilization() {
    String section = ServerTimeline.section(sample(), T0, Map.of());

    assertThat(section)
        .contains(
            "<tr data-server=\"gpu-1\"><td>gpu-1</td><td>3</td><td>9.0 s</td><td>90 %</td></tr>")
        .contains(
            "<tr data-server=\"gpu-2\"><td>gpu-2</td><td>2</td><td>5.0 s</td><td>50 %</td></tr>");
  }

  @Test
  void escapesServerAndStepNames() throws Exception {
    String section =
        ServerTimeline.section(
            List.of(span("<gpu>", "x\"&y", 0, 1, JobSpan.State.SUCCEEDED)), T0, Map.of());

    Document d = svg(section);

    assertThat(section).doesNotContain("<gpu>");
    assertThat(elements(d, "rect").get(0).getAttribute("data-step")).isEqualTo("x\"&y");
  }

  @Test
  void ticksAreRoundNumbersOfSeconds() {
    assertThat(ServerTimeline.tickStep(10)).isEqualTo(1.0);
    assertThat(ServerTimeline.tickStep(37)).isEqualTo(5.0);
    assertThat(ServerTimeline.tickStep(1.5)).isCloseTo(0.2, within(1e-12));
    assertThat(ServerTimeline.tickStep(900)).isEqualTo(100.0);
  }

  @Test
  void noJobsDrawNothing() {
    assertThat(ServerTimeline.section(List.of(), T0, Map.of())).isEmpty();
  }

  @Test
  void aSpanEndingBeforeItStartsIsRefused() {
    assertThatThrownBy(() -> span("s", "a", 2, 1, JobSpan.State.FAILED))
        .hasMessageContaining("job a on s ends before it starts");
  }

  @Test
  void theReportShowsTheTimelineOfTheStepsThatRan() throws Exception {
    String html = HtmlReport.render(SampleRuns.nightDrive(), Map.of());

    List<JobSpan> spans = JobSpan.fromSteps(SampleRuns.nightDrive().steps());

    assertThat(spans).isNotEmpty();
    assertThat(spans).allSatisfy(s -> assertThat(s.server()).isEqualTo(JobSpan.DEFAULT_SERVER));
    assertThat(html)
        .contains("<h2>Servers</h2>")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\"");
    assertThat(count(html, "<rect class=\"job ")).isEqualTo(spans.size());
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }

  @TempDir Path tmp;

  @Test
  void chromiumLaysOutEveryBarInsideTheChart() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.BINARY);
    String page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
            + ServerTimeline.section(sample(), T0, Map.of())
            + "<script>window.addEventListener('load', function () {"
            + " var svg = document.querySelector('svg.timeline').getBoundingClientRect();"
            + " var bars = Array.from(document.querySelectorAll('svg.timeline rect.job'));"
            + " var inside = bars.filter(function (r) { var b = r.getBoundingClientRect();"
            + "   return b.width > 0 && b.left >= svg.left && b.right <= svg.right + 0.5; }).length;"
            + " var pre = document.createElement('pre'); pre.id = 'bars';"
            + " pre.textContent = bars.length + ' ' + inside;"
            + " document.body.appendChild(pre); });</script></body></html>";
    Path file = tmp.resolve("timeline.html");
    Files.writeString(file, page);

    HeadlessChromium.Result result =
        HeadlessChromium.open(
            file,
            Path.of("target", "report-chromium", "timeline.png"),
            Files.createTempDirectory(tmp, "chromium"));

    assertThat(result.exitCode()).as(result.log()).isZero();
    Matcher m = Pattern.compile("<pre id=\"bars\">(\\d+) (\\d+)</pre>").matcher(result.dom());
    assertThat(m.find()).as(result.dom()).isTrue();
    assertThat(m.group(1)).isEqualTo("5");
    assertThat(m.group(2)).isEqualTo("5");
  }
}
