package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real report in headless Chromium. The report itself has no script; the test loads a copy
 * with a check script injected at the top of {@code <head>}, which records load errors and console
 * errors, waits for every player's metadata, measures the waveform images and writes its findings
 * into {@code <pre id="checks">} for the dumped DOM. Skipped only when Chromium is not installed
 * ({@code .ci/run} installs it).
 */
class HtmlReportChromiumTest {
  private static final Path ARTIFACTS = Path.of("target", "report-chromium");

  private static final String CHECK_SCRIPT =
      """
      <script>
      (function () {
        var errors = [];
        window.addEventListener('error', function (e) {
          var t = e.target;
          errors.push(t && t !== window && t.getAttribute
              ? 'failed to load ' + t.tagName + ' ' + (t.getAttribute('src') || t.getAttribute('href'))
              : 'script error: ' + e.message);
        }, true);
        ['error', 'warn'].forEach(function (level) {
          var original = console[level];
          console[level] = function () {
            errors.push('console.' + level + ': ' + Array.prototype.join.call(arguments, ' '));
            original.apply(console, arguments);
          };
        });
        function report() {
          var audios = Array.from(document.querySelectorAll('audio')).map(function (a) {
            return {src: a.getAttribute('src'), readyState: a.readyState, duration: a.duration,
                error: a.error ? a.error.code : 0};
          });
          var images = Array.from(document.querySelectorAll('img.waveform')).map(function (img) {
            var r = {src: img.getAttribute('src'), width: img.naturalWidth, colours: 0};
            try {
              var c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              var g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              var d = g.getImageData(0, 0, c.width, c.height).data, seen = {}, bg = (d[0] << 16) | (d[1] << 8) | d[2];
              var ink = 0;
              for (var i = 0; i < d.length; i += 4) {
                var rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
                seen[rgb] = 1;
                if (rgb !== bg) { ink++; }
              }
              r.colours = Object.keys(seen).length;
              r.inkShare = ink / (c.width * c.height);
            } catch (e) { r.canvasError = String(e); }
            return r;
          });
          var nodes = Array.from(document.querySelectorAll('svg.graph g.node'))
              .map(function (n) { return n.getAttribute('data-step'); });
          var pre = document.createElement('pre');
          pre.id = 'checks';
          pre.textContent = JSON.stringify({errors: errors, audios: audios, images: images, nodes: nodes});
          document.body.appendChild(pre);
        }
        window.addEventListener('load', function () {
          var audios = Array.from(document.querySelectorAll('audio')), left = audios.length, done = false;
          function finish() { if (!done) { done = true; report(); } }
          if (left === 0) { finish(); return; }
          audios.forEach(function (a) {
            var counted = false;
            function settle() { if (!counted) { counted = true; if (--left === 0) { finish(); } } }
            if (a.readyState >= 1) { settle(); return; }
            a.addEventListener('loadedmetadata', settle);
            a.addEventListener('error', settle);
          });
          setTimeout(finish, 4000);
        });
      })();
      </script>
      """;

  @TempDir Path tmp;

  @Test
  void reportOpensInChromiumWithPlayersWaveformsAndOneGraphNodePerStep() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.BINARY);
    Path written = tmp.resolve("written/.acepipe/runs/r1");
    SampleRuns.writeAudio(written);
    RunReport run = SampleRuns.nightDrive();
    HtmlReport.write(run, written);
    // Open it from elsewhere: an old run directory copied out of CI must still work with only
    // relative links.
    Path opened = tmp.resolve("downloaded-artifact");
    copyTree(written, opened);
    Path screenshot = ARTIFACTS.resolve("night-drive-report.png");

    HeadlessChromium.Result result = openWithChecks(opened, screenshot, "night-drive-report");

    assertThat(result.exitCode()).as(result.log()).isZero();
    JsonNode checks = checks(result.dom());
    assertThat(checks.get("errors")).as(checks.toString()).isEmpty();
    assertThat(consoleLines(result.log())).isEmpty();
    assertThat(checks.get("nodes"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(run.steps().stream().map(StepRun::id).toList());
    assertThat(checks.get("audios"))
        .hasSize(3)
        .allSatisfy(
            a -> {
              assertThat(a.get("readyState").asInt()).as(a.toString()).isGreaterThanOrEqualTo(1);
              assertThat(a.get("error").asInt()).as(a.toString()).isZero();
            });
    assertThat(checks.get("audios"))
        .extracting(a -> Math.round(a.get("duration").asDouble()))
        .containsExactly(2L, 2L, 3L);
    assertThat(checks.get("images"))
        .hasSize(3)
        .allSatisfy(
            i -> {
              assertThat(i.get("width").asInt()).as(i.toString()).isEqualTo(WaveformPng.WIDTH);
              // A blank image has one colour; a drawn tone covers a good share of the picture.
              assertThat(i.get("colours").asInt()).as(i.toString()).isGreaterThanOrEqualTo(2);
              assertThat(i.get("inkShare").asDouble()).as(i.toString()).isGreaterThan(0.2);
            });
    assertThat(screenshot).isNotEmptyFile();
  }

  /**
   * Guards the check itself: a player whose file vanished after the report was written must be
   * caught.
   */
  @Test
  void checkScriptCatchesAPlayerWhoseAudioIsGone() throws Exception {
    Assumptions.assumeTrue(
        HeadlessChromium.available(), "chromium is not installed at " + HeadlessChromium.BINARY);
    Path runDir = tmp.resolve("run");
    SampleRuns.writeAudio(runDir);
    HtmlReport.write(SampleRuns.nightDrive(), runDir);
    Files.delete(runDir.resolve("takes/draft/take-1.flac"));

    HeadlessChromium.Result result =
        openWithChecks(
            runDir, ARTIFACTS.resolve("missing-audio-report.png"), "missing-audio-report");

    JsonNode checks = checks(result.dom());
    assertThat(checks.get("errors").toString())
        .contains("failed to load AUDIO takes/draft/take-1.flac");
    assertThat(checks.get("audios").get(1).get("readyState").asInt()).isZero();
    assertThat(checks.get("audios").get(0).get("readyState").asInt()).isGreaterThanOrEqualTo(1);
  }

  private HeadlessChromium.Result openWithChecks(Path runDir, Path screenshot, String name)
      throws Exception {
    Path page = runDir.resolve("report-check.html");
    String html = Files.readString(runDir.resolve(HtmlReport.FILE_NAME));
    Files.writeString(
        page, html.replaceFirst("<head>\n", "<head>\n" + Matcher.quoteReplacement(CHECK_SCRIPT)));
    Files.createDirectories(ARTIFACTS);
    Path work = Files.createTempDirectory(tmp, "chromium");
    HeadlessChromium.Result result = HeadlessChromium.open(page, screenshot, work);
    Files.writeString(ARTIFACTS.resolve(name + ".dom.html"), result.dom());
    Files.writeString(ARTIFACTS.resolve(name + ".chromium.log"), result.log());
    return result;
  }

  private static JsonNode checks(String dom) throws Exception {
    Matcher m = Pattern.compile("<pre id=\"checks\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("the check script wrote its results; DOM was:\n" + dom).isTrue();
    String json =
        m.group(1)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&nbsp;", "\u00a0")
            .replace("&amp;", "&");
    return new ObjectMapper().readTree(json);
  }

  /**
   * Chromium logs every console message of the page as {@code INFO:CONSOLE}; the report itself logs
   * none.
   */
  private static List<String> consoleLines(String log) {
    return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
