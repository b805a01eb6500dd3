package dev.acepipe.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-server timeline of a run as inline SVG: a Gantt chart with one row per server and one bar
 * per job ({@code <rect class="job state-...">}, coloured by how the job ended, linked to its
 * step's card), a time axis in seconds from the start of the run, and the utilization of each
 * server: the share of the run during which it had at least one job (overlapping jobs on one server
 * count once, so it never passes 100 %).
 */
final class ServerTimeline {
  static final int LABEL_W = 132;
  static final int CHART_W = 720;
  static final int ROW_H = 28;
  static final int BAR_H = 18;
  private static final int AXIS_H = 26;
  private static final int PAD = 8;
  private static final int MAX_LABEL = 16;

  /** What a server did over the run. */
  record Utilization(String server, int jobs, Duration busy, double share) {}

  private ServerTimeline() {}

  /**
   * The report section ({@code ""} when no job ran on a server): heading, chart and utilization
   * table.
   *
   * @param runStart time 0 of the axis (jobs starting before it move it back)
   * @param anchorById the step card anchors, for the bars' links
   */
  static String section(List<JobSpan> spans, Instant runStart, Map<String, String> anchorById) {
    if (spans.isEmpty()) {
      return "";
    }
    Instant origin =
        spans.stream().map(JobSpan::start).min(Comparator.naturalOrder()).orElseThrow();
    if (runStart != null && runStart.isBefore(origin)) {
      origin = runStart;
    }
    Instant last = spans.stream().map(JobSpan::end).max(Comparator.naturalOrder()).orElseThrow();
    double total = Math.max(seconds(Duration.between(origin, last)), 1e-3);
    List<Utilization> use = utilization(spans, total);
    StringBuilder b = new StringBuilder();
    b.append("<section class=\"graph-box timeline-box\">\n<h2>Servers</h2>\n");
    svg(b, spans, use, origin, total, anchorById);
    b.append("\n<table class=\"utilization\">\n<thead><tr><th>server</th><th>jobs</th>")
        .append("<th>busy</th><th>utilization</th></tr></thead>\n<tbody>\n");
    for (Utilization u : use) {
      b.append("<tr data-server=\"")
          .append(Html.esc(u.server()))
          .append("\"><td>")
          .append(Html.esc(u.server()))
          .append("</td><td>")
          .append(u.jobs())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f s", seconds(u.busy())))
          .append("</td><td>")
          .append(percent(u.share()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
    return b.toString();
  }

  /** Per server in order of first appearance: jobs, busy time (the union of its bars), share. */
  static List<Utilization> utilization(List<JobSpan> spans, double totalSeconds) {
    Map<String, List<JobSpan>> byServer = byServer(spans);
    List<Utilization> out = new ArrayList<>();
    for (Map.Entry<String, List<JobSpan>> e : byServer.entrySet()) {
      List<JobSpan> sorted = new ArrayList<>(e.getValue());
      sorted.sort(Comparator.comparing(JobSpan::start));
      Duration busy = Duration.ZERO;
      Instant coveredTo = null;
      for (JobSpan s : sorted) {
        Instant from = coveredTo == null || s.start().isAfter(coveredTo) ? s.start() : coveredTo;
        if (s.end().isAfter(from)) {
          busy = busy.plus(Duration.between(from, s.end()));
          coveredTo = s.end();
        }
      }
      double share = Math.min(1.0, seconds(busy) / totalSeconds);
      out.add(new Utilization(e.getKey(), sorted.size(), busy, share));
    }
    return out;
  }

  private static Map<String, List<JobSpan>> byServer(List<JobSpan> spans) {
    Map<String, List<JobSpan>> byServer = new LinkedHashMap<>();
    for (JobSpan s : spans) {
      byServer.computeIfAbsent(s.server(), k -> new ArrayList<>()).add(s);
    }
    return byServer;
  }

  private static void svg(
      StringBuilder b,
      List<JobSpan> spans,
      List<Utilization> use,
      Instant origin,
      double total,
      Map<String, String> anchorById) {
    int rows = use.size();
    int width = PAD * 2 + LABEL_W + CHART_W;
    int height = PAD * 2 + rows * ROW_H + AXIS_H;
    Html.openSvg(b, "timeline", "jobs per server over time", width, height);
    int x0 = PAD + LABEL_W;
    int axisY = PAD + rows * ROW_H;
    double step = tickStep(total);
    for (int i = 0; i * step <= total + 1e-9; i++) {
      double x = x0 + CHART_W * (i * step) / total;
      b.append(
          String.format(
              Locale.ROOT,
              "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d5dae2\"/>"
                  + "<text class=\"tick-label\" x=\"%.1f\" y=\"%d\" font-size=\"11\""
                  + " text-anchor=\"middle\" fill=\"#5a6373\">%s s</text>\n",
              x,
              PAD,
              x,
              axisY,
              x,
              axisY + 16,
              tickLabel(i * step)));
    }
    Map<String, List<JobSpan>> byServer = byServer(spans);
    int row = 0;
    for (Utilization u : use) {
      int y = PAD + row * ROW_H;
      String label =
          u.server().length() > MAX_LABEL
              ? u.server().substring(0, MAX_LABEL - 1) + "\u2026"
              : u.server();
      b.append("<g class=\"server-row\" data-server=\"")
          .append(Html.esc(u.server()))
          .append("\" data-utilization=\"")
          .append(String.format(Locale.ROOT, "%.3f", u.share()))
          .append("\">\n<title>")
          .append(Html.esc(u.server()))
          .append(": ")
          .append(percent(u.share()))
          .append(" busy</title>\n");
      b.append(
          String.format(
              Locale.ROOT,
              "<text class=\"server-label\" x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#1c2230\">%s"
                  + " <tspan fill=\"#5a6373\" font-size=\"11\">%s</tspan></text>\n",
              PAD,
              y + ROW_H / 2 + 5,
              Html.esc(label),
              percent(u.share())));
      for (JobSpan s : byServer.get(u.server())) {
        double from = seconds(Duration.between(origin, s.start()));
        double x = x0 + CHART_W * from / total;
        // A job shorter than a pixel still shows as a sliver.
        double w = Math.max(1.5, CHART_W * seconds(s.duration()) / total);
        String anchor = anchorById.get(s.stepId());
        if (anchor != null) {
          b.append("<a href=\"#").append(Html.esc(anchor)).append("\">");
        }
        b.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"job state-%s\" data-step=\"%s\" data-job=\"%d\" x=\"%.1f\" y=\"%d\""
                    + " width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\" fill-opacity=\"0.85\">"
                    + "<title>%s%s on %s: %.1f\u2013%.1f s (%s)</title></rect>",
                s.state().label(),
                Html.esc(s.stepId()),
                s.job(),
                x,
                y + (ROW_H - BAR_H) / 2,
                w,
                BAR_H,
                s.state().colour,
                Html.esc(s.stepId()),
                s.job() == 0 ? "" : " (job " + (s.job() + 1) + ")",
                Html.esc(s.server()),
                from,
                from + seconds(s.duration()),
                s.state().label()));
        b.append(anchor != null ? "</a>\n" : "\n");
      }
      b.append("</g>\n");
      row++;
    }
    b.append("</svg>");
  }

  /** A 1, 2 or 5 × 10^k step giving at most about ten ticks. */
  static double tickStep(double total) {
    double raw = total / 10;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tickLabel(double s) {
    return s == Math.rint(s)
        ? Long.toString(Math.round(s))
        : String.format(Locale.ROOT, "%.1f", s).replaceAll("0+$", "");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
