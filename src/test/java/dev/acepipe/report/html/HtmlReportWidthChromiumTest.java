package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report at a desktop width and at a phone's (390 CSS px): nothing may scroll sideways (the
 * page's scroll width stays within its client width; wide parts such as the graph and the album
 * table scroll inside their own boxes). Screenshots are kept under {@code target/report-chromium/}.
 */
class HtmlReportWidthChromiumTest {
  private static final Path ARTIFACTS = Path.of("target", "report-chromium");

  private static final String MEASURE =
      """
      <script>
      window.addEventListener('load', function () {
        var e = document.documentElement, widest = '', most = 0;
        document.querySelectorAll('body *').forEach(function (n) {
          var r = n.getBoundingClientRect();
          if (r.right >= most && !n.closest('.graph-box') && !n.closest('.table-box')) {
            most = r.right; widest = n.tagName + '.' + n.className;
          }
        });
        var text = e.scrollWidth + ' ' + e.clientWidth + ' ' + widest;
        if (window.parent !== window) { window.parent.postMessage(text, '*'); return; }
        var pre = document.createElement('pre');
        pre.id = 'widths';
        pre.textContent = text;
        document.body.appendChild(pre);
      });
      </script>
      """;

  /**
   * Headless Chromium will not make a window narrower than 500 px, so a phone-sized viewport is a
   * frame of that width; the report inside measures itself and posts the numbers out.
   */
  private static final String PHONE_FRAME =
      """
      <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style>
      </head><body><iframe src="report-width.html" width="WIDTH" height="2600"></iframe>
      <script>window.addEventListener('message', function (m) {
        var pre = document.createElement('pre'); pre.id = 'widths'; pre.textContent = m.data;
        document.body.appendChild(pre);
      });</script></body></html>
      """;

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(ints = {1400, 390})
  void nothingScrollsSidewaysAtThisWidth(int width) throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.BINARY);
    Path runDir = tmp.resolve("project/.acepipe/runs/r1");
    SampleRuns.writeAudio(runDir);
    HtmlReport.write(SampleRuns.albumRun(), runDir);
    Path page = runDir.resolve("report-width.html");
    String html = Files.readString(runDir.resolve(HtmlReport.FILE_NAME));
    Files.writeString(
        page, html.replaceFirst("<head>\n", "<head>\n" + Matcher.quoteReplacement(MEASURE)));
    Files.createDirectories(ARTIFACTS);
    Path screenshot = ARTIFACTS.resolve("album-report-" + width + ".png");

    Path opened = page;
    if (width < 500) {
      opened = runDir.resolve("phone.html");
      Files.writeString(opened, PHONE_FRAME.replace("WIDTH", Integer.toString(width)));
    }

    HeadlessChromium.Result result =
        HeadlessChromium.open(
            opened,
            screenshot,
            Files.createTempDirectory(tmp, "chromium"),
            Math.max(width, 500),
            2600);

    assertThat(result.exitCode()).as(result.log()).isZero();
    Matcher m =
        Pattern.compile("<pre id=\"widths\">(\\d+) (\\d+) ([^<]*)</pre>").matcher(result.dom());
    assertThat(m.find()).as(result.dom()).isTrue();
    int scrollWidth = Integer.parseInt(m.group(1));
    int clientWidth = Integer.parseInt(m.group(2));
    assertThat(clientWidth).isLessThanOrEqualTo(width);
    assertThat(scrollWidth).as("widest element: " + m.group(3)).isLessThanOrEqualTo(clientWidth);
    assertThat(screenshot).isNotEmptyFile();
  }
}
