package dev.acepipe.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioException;
import dev.acepipe.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the self-contained HTML report of a run into its run directory.
 *
 * <p>The page needs nothing but the run directory: CSS and the graph (SVG) are inline, there is no
 * script, and every audio player and waveform image uses a link relative to the report. Waveforms
 * are rendered by the engine as PNG files under {@value #ASSETS}. A take whose audio file is
 * missing or cannot be decoded gets a note instead of a player, so the page never points at
 * something that does not load.
 *
 * <p>Not thread-safe per run directory: two writers of the same report race on the same files (each
 * file is still replaced atomically).
 */
public final class HtmlReport {
  /** The report's file name inside the run directory. */
  public static final String FILE_NAME = "report.html";

  /** The folder (inside the run directory) holding the waveform images. */
  public static final String ASSETS = "report-files";

  private static final ObjectMapper JSON = JsonMappers.pretty();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private final WaveformPng waveforms;

  public HtmlReport(WaveformPng waveforms) {
    this.waveforms = waveforms;
  }

  /**
   * Writes {@code runDir/report.html} and its waveform images for {@code report}; returns the
   * report's path. Take audio paths are resolved against {@code runDir}.
   *
   * @throws IOException if the report or an image cannot be written (an undecodable take is not an
   *     error: it is noted on the page)
   */
  public static Path write(RunReport report, Path runDir) throws IOException {
    return new HtmlReport(new WaveformPng(WaveformPng.WIDTH, WaveformPng.HEIGHT))
        .writeTo(report, runDir);
  }

  /** As {@link #write(RunReport, Path)}, with this instance's waveform renderer. */
  public Path writeTo(RunReport report, Path runDir) throws IOException {
    Map<TakeKey, TakeMedia> media = new HashMap<>();
    List<StepRun> steps = report.steps();
    for (int i = 0; i < steps.size(); i++) {
      for (TakeRun t : steps.get(i).takes()) {
        media.put(new TakeKey(i, t.index()), renderMedia(runDir, i, t));
      }
    }
    Path out = runDir.resolve(FILE_NAME);
    ReportFiles.writeAtomically(out, render(report, media));
    return out;
  }

  private TakeMedia renderMedia(Path runDir, int stepIndex, TakeRun take) throws IOException {
    Path audio = runDir.resolve(take.audioPath()).normalize();
    if (!Files.isRegularFile(audio)) {
      return TakeMedia.missing("audio file not found: " + take.audioPath());
    }
    String png = ASSETS + "/step-" + stepIndex + "-take-" + take.index() + ".png";
    try {
      waveforms.render(audio, runDir.resolve(png));
    } catch (AudioException e) {
      return new TakeMedia(true, "", "no waveform: " + e.getMessage());
    }
    return new TakeMedia(true, png, "");
  }

  record TakeKey(int step, int take) {}

  /**
   * What exists on disk for one take.
   *
   * @param audio whether the audio file exists (a player is shown)
   * @param waveform the waveform image relative to the run directory, or {@code ""}
   * @param note why something is missing, or {@code ""}
   */
  record TakeMedia(boolean audio, String waveform, String note) {
    static TakeMedia missing(String note) {
      return new TakeMedia(false, "", note);
    }
  }

  /** The page for {@code report}; {@code media} says what was found on disk for each take. */
  static String render(RunReport report, Map<TakeKey, TakeMedia> media) {
    Map<String, String> anchors = new HashMap<>();
    for (int i = 0; i < report.steps().size(); i++) {
      anchors.put(report.steps().get(i).id(), "step-" + i);
    }
    String status = report.succeeded() ? "passed" : "failed";
    StringBuilder b = new StringBuilder(16_384);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"acepipe\">\n")
        // An empty data: icon stops browsers from asking the file system (or a server) for
        // /favicon.ico.
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>")
        .append(Html.esc(report.pipelineName() + " \u00b7 " + report.runId() + " \u00b7 " + status))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(b, report, status);
    StepGlance.album(b, report.album());
    StepGlance.outputs(b, report.outputs());
    b.append("<section class=\"graph-box\">\n<h2>Pipeline</h2>\n")
        .append(GraphSvg.render(GraphLayout.of(report), anchors))
        .append("\n</section>\n")
        .append(
            ServerTimeline.section(JobSpan.fromSteps(report.steps()), report.startedAt(), anchors))
        .append("<section class=\"steps\">\n<h2>Steps</h2>\n");
    for (int i = 0; i < report.steps().size(); i++) {
      card(b, report.steps().get(i), i, anchors, media);
    }
    b.append(
            "</section>\n<footer>Written by acepipe. Audio and waveform links are relative to this file.</footer>\n")
        .append("</body>\n</html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, RunReport r, String status) {
    b.append("<header class=\"run status-")
        .append(status)
        .append("\">\n<h1>")
        .append(Html.esc(r.pipelineName()))
        .append(" <span class=\"badge ")
        .append(status)
        .append("\">")
        .append(status)
        .append("</span></h1>\n<dl class=\"facts\">\n");
    fact(b, "pipeline file", r.pipelineFile());
    if (!r.renderer().isEmpty()) {
      fact(b, "rendered by", r.renderer());
    }
    fact(b, "run id", r.runId());
    fact(b, "started", instant(r.startedAt()));
    fact(b, "finished", instant(r.finishedAt()));
    fact(b, "duration", duration(r.elapsed()));
    fact(b, "exit code", Integer.toString(r.exitCode()));
    fact(b, "steps", r.stateCounts());
    b.append("</dl>\n");
    if (!r.error().isEmpty()) {
      b.append("<p class=\"cause\">")
          .append(Html.esc(Secrets.redactText(r.error())))
          .append("</p>\n");
    }
    b.append("</header>\n");
  }

  private static void card(
      StringBuilder b,
      StepRun s,
      int index,
      Map<String, String> anchors,
      Map<TakeKey, TakeMedia> media) {
    String state = s.state().label();
    b.append("<article class=\"card state-")
        .append(state)
        .append("\" id=\"step-")
        .append(index)
        .append("\" data-step=\"")
        .append(Html.esc(s.id()))
        .append("\">\n<h3>")
        .append(Html.esc(s.id()))
        .append(" <span class=\"badge ")
        .append(state)
        .append("\">")
        .append(state)
        .append("</span></h3>\n");
    if (!s.cause().isEmpty()) {
      b.append("<p class=\"cause\">")
          .append(Html.esc(Secrets.redactText(s.cause())))
          .append("</p>\n");
    }
    StepGlance.card(b, s);
    b.append("<dl class=\"facts\">\n");
    fact(b, "kind", s.kind());
    fact(b, "started", s.startedAt() == null ? "\u2014" : instant(s.startedAt()));
    fact(b, "finished", s.finishedAt() == null ? "\u2014" : instant(s.finishedAt()));
    fact(b, "duration", s.duration().map(HtmlReport::duration).orElse("\u2014"));
    fact(b, "attempts", Integer.toString(s.attempts()));
    if (!s.seeds().isEmpty()) {
      fact(b, "seeds", s.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
    if (!s.taskIds().isEmpty()) {
      fact(b, "task ids", String.join(", ", s.taskIds()));
    }
    if (!s.dependsOn().isEmpty()) {
      b.append("<dt>depends on</dt><dd>");
      for (int i = 0; i < s.dependsOn().size(); i++) {
        String d = s.dependsOn().get(i);
        b.append(i == 0 ? "" : ", ")
            .append("<a href=\"#")
            .append(anchors.get(d))
            .append("\">")
            .append(Html.esc(d))
            .append("</a>");
      }
      b.append("</dd>\n");
    }
    b.append("</dl>\n");
    if (!s.request().isNull()) {
      b.append("<details class=\"request\"")
          .append(s.ok() ? "" : " open")
          .append("><summary>Resolved request</summary>\n<pre>")
          .append(Html.esc(prettyJson(s.request())))
          .append("</pre></details>\n");
    }
    for (TakeRun t : s.takes()) {
      take(
          b,
          t,
          media.getOrDefault(
              new TakeKey(index, t.index()), TakeMedia.missing("audio not checked")));
    }
    b.append("</article>\n");
  }

  private static void take(StringBuilder b, TakeRun t, TakeMedia m) {
    b.append("<figure class=\"take\" data-take=\"")
        .append(t.index())
        .append("\">\n<figcaption>take ")
        .append(t.index())
        .append(" \u00b7 ")
        .append(String.format(Locale.ROOT, "%.2f s", t.durationSeconds()));
    // The seed this take was rendered with: a batch sends one seed and the server numbers the takes
    // from it.
    Long used = t.seedReported() != null ? t.seedReported() : t.seedSent();
    if (used != null) {
      b.append(" \u00b7 seed ").append(used);
      if (t.seedReported() != null
          && t.seedSent() != null
          && !t.seedSent().equals(t.seedReported())) {
        b.append(" (batch seed sent ").append(t.seedSent()).append(')');
      }
    }
    if (!t.model().isEmpty()) {
      b.append(" \u00b7 model ").append(Html.esc(t.model()));
    }
    b.append(" \u00b7 <a href=\"")
        .append(Html.esc(Html.relativeUrl(t.audioPath())))
        .append("\">")
        .append(Html.esc(t.audioPath()))
        .append("</a>");
    if (!t.sha256().isEmpty()) {
      b.append("<br><code class=\"sha\">sha256 ").append(Html.esc(t.sha256())).append("</code>");
    }
    b.append("</figcaption>\n");
    if (!m.waveform().isEmpty()) {
      b.append("<img class=\"waveform\" src=\"")
          .append(Html.esc(Html.relativeUrl(m.waveform())))
          .append("\" width=\"")
          .append(WaveformPng.WIDTH)
          .append("\" height=\"")
          .append(WaveformPng.HEIGHT)
          .append("\" alt=\"waveform of take ")
          .append(t.index())
          .append("\">\n");
    }
    if (m.audio()) {
      b.append("<audio controls preload=\"metadata\" src=\"")
          .append(Html.esc(Html.relativeUrl(t.audioPath())))
          .append("\"></audio>\n");
    }
    if (!m.note().isEmpty()) {
      b.append("<p class=\"note\">").append(Html.esc(m.note())).append("</p>\n");
    }
    if (t.checks() != null) {
      t.checks().appendHtml(b);
    }
    b.append("</figure>\n");
  }

  private static void fact(StringBuilder b, String name, String value) {
    b.append("<dt>")
        .append(Html.esc(name))
        .append("</dt><dd>")
        .append(Html.esc(value))
        .append("</dd>\n");
  }

  static String prettyJson(JsonNode request) {
    try {
      return JSON.writeValueAsString(Secrets.redact(request));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode tree always serializes", e);
    }
  }

  /** {@code 0.250 s}, {@code 12.345 s}, {@code 2 min 03.500 s}, {@code 1 h 02 min 03 s}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }
    if (ms < 3_600_000) {
      return String.format(Locale.ROOT, "%d min %06.3f s", ms / 60_000, (ms % 60_000) / 1000.0);
    }
    return String.format(
        Locale.ROOT, "%d h %02d min %02d s", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60);
  }

  static String instant(Instant i) {
    return TIME.format(i.truncatedTo(ChronoUnit.MILLIS));
  }

  private static final String CSS =
      """
      :root{--ok:#1f7a3a;--bad:#b3261e;--skip:#7a6a1f;--cache:#2b5fb4;--line:#d5dae2;--ink:#1c2230;--dim:#5a6373}
      *{box-sizing:border-box}
      body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
      h1{margin:0 0 8px;font-size:22px}h2{font-size:17px;margin:24px 0 8px}h3{margin:0 0 6px;font-size:15px}
      header.run{border-left:6px solid var(--ok);padding:8px 16px;background:#f7f9fc}
      header.status-failed{border-left-color:var(--bad)}
      .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;vertical-align:middle}
      .badge.passed{background:var(--ok)}.badge.failed{background:var(--bad)}.badge.skipped{background:var(--skip)}.badge.cached{background:var(--cache)}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
      dt{color:var(--dim)}dd{margin:0;word-break:break-all}
      .cause{color:var(--bad);font-weight:600;white-space:pre-wrap}
      .graph-box{overflow-x:auto}
      svg.graph .node rect{fill:#eef5ee;stroke:var(--ok);stroke-width:1.5}
      svg.graph .state-failed rect{fill:#fbeaea;stroke:var(--bad)}
      svg.graph .state-skipped rect{fill:#f6f3e4;stroke:var(--skip);stroke-dasharray:4 3}
      svg.graph .state-cached rect{fill:#eaf1fb;stroke:var(--cache)}
      svg.graph text{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;fill:var(--ink)}
      .card{border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:6px;padding:12px 16px;margin:12px 0}
      .card.state-failed{border-left-color:var(--bad)}.card.state-skipped{border-left-color:var(--skip)}.card.state-cached{border-left-color:var(--cache)}
      pre{background:#f4f6fa;padding:8px;overflow:auto;max-height:360px;font-size:12px}
      figure.take{margin:10px 0 0;padding-top:8px;border-top:1px dashed var(--line)}
      figcaption{color:var(--dim);font-size:13px;margin-bottom:4px}
      img.waveform{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
      audio{display:block;width:100%;max-width:800px;margin-top:4px}
      .note{color:var(--skip)}code.sha{font-size:11px}
      footer{margin-top:32px;color:var(--dim);font-size:12px}
      .glance{margin:4px 0 8px}.glance q{display:block;font-style:italic;overflow-wrap:anywhere}
      .chip{display:inline-block;margin:2px 6px 2px 0;padding:0 8px;border:1px solid var(--line);border-radius:10px;font-size:12px}
      .used{color:var(--cache);font-size:13px}.reason{font-weight:600}
      .table-box{overflow-x:auto}table{border-collapse:collapse;font-size:13px;min-width:100%}
      th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      td.num,th.num{text-align:right;white-space:nowrap}
      ul.files{padding-left:18px}ul.files li{overflow-wrap:anywhere}
      h1,h2,h3,p,li,figcaption,dd,a{overflow-wrap:anywhere}
      .table-box th,.table-box td,.table-box a{white-space:nowrap;overflow-wrap:normal}
      @media (max-width:600px){body{padding:10px}dl.facts{grid-template-columns:1fr}dt{margin-top:4px}
        .card{padding:10px}table{font-size:12px}}
      """;
}
