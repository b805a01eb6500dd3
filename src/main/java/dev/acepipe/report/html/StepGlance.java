package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of the report a reader takes in at a glance: on each step card the prompt, bpm, key and
 * duration, what the server actually used where it differs from what was asked, and a select step's
 * reason; above the steps the album (tracks, loudness before and after, peaks, the playlist) and
 * the {@code outputs:} files.
 */
final class StepGlance {
  /** Durations closer than this to the asked one are what was asked (servers round to frames). */
  private static final double DURATION_TOLERANCE_SECONDS = 1.0;

  private StepGlance() {}

  static void card(StringBuilder b, StepRun s) {
    JsonNode r = s.request();
    String prompt = text(r, "prompt");
    List<String> chips = new ArrayList<>();
    String bpm = text(r, "bpm");
    String key = text(r, "key_scale");
    String duration = text(r, "audio_duration");
    if (!bpm.isEmpty()) {
      chips.add(trimNumber(bpm) + " bpm");
    }
    if (!key.isEmpty()) {
      chips.add(key);
    }
    if (!duration.isEmpty()) {
      chips.add(trimNumber(duration) + " s");
    }
    if (!prompt.isEmpty() || !chips.isEmpty()) {
      b.append("<div class=\"glance\">");
      if (!prompt.isEmpty()) {
        b.append("<q>").append(Html.esc(Secrets.redactText(prompt))).append("</q>");
      }
      for (String c : chips) {
        b.append("<span class=\"chip\">").append(Html.esc(c)).append("</span>");
      }
      b.append("</div>\n");
    }
    List<String> used = differences(s, prompt, bpm, key, duration);
    if (!used.isEmpty()) {
      b.append("<p class=\"used\">server used: ")
          .append(Html.esc(String.join("; ", used)))
          .append("</p>\n");
    }
    String reason = s.fields().getOrDefault("reason", "");
    if (!reason.isEmpty()) {
      b.append("<p class=\"reason\">").append(Html.esc(reason)).append("</p>\n");
    }
  }

  /** What the server reported using, where it is not what the request asked for. */
  static List<String> differences(
      StepRun s, String prompt, String bpm, String key, String duration) {
    List<String> out = new ArrayList<>();
    String usedBpm = s.fields().getOrDefault("bpm", "");
    if (!bpm.isEmpty() && !usedBpm.isEmpty() && !sameNumber(bpm, usedBpm, 0.01)) {
      out.add("bpm " + trimNumber(usedBpm) + " (asked " + trimNumber(bpm) + ")");
    }
    String usedKey = s.fields().getOrDefault("key", "");
    if (!key.isEmpty() && !usedKey.isEmpty() && !usedKey.equalsIgnoreCase(key)) {
      out.add("key " + usedKey + " (asked " + key + ")");
    }
    String usedDuration = s.fields().getOrDefault("duration", "");
    if (!duration.isEmpty()
        && !usedDuration.isEmpty()
        && !sameNumber(duration, usedDuration, DURATION_TOLERANCE_SECONDS)) {
      out.add("duration " + trimNumber(usedDuration) + " s (asked " + trimNumber(duration) + " s)");
    }
    String caption = s.fields().getOrDefault("caption", "");
    if (!prompt.isEmpty() && !caption.isEmpty() && !caption.strip().equals(prompt.strip())) {
      out.add("caption \u201c" + Secrets.redactText(caption) + "\u201d");
    }
    return out;
  }

  static void album(StringBuilder b, AlbumRun a) {
    if (a == null) {
      return;
    }
    b.append("<section class=\"album\">\n<h2>Album: ").append(Html.esc(a.title()));
    if (!a.artist().isEmpty()) {
      b.append(" \u00b7 ").append(Html.esc(a.artist()));
    }
    b.append("</h2>\n<p>")
        .append(a.tracks().size())
        .append(a.tracks().size() == 1 ? " track" : " tracks")
        .append(" in <code>")
        .append(Html.esc(a.dir()))
        .append("</code>");
    if (!a.playlistLink().isEmpty()) {
      b.append(" \u00b7 playlist <a href=\"")
          .append(Html.esc(Html.relativeUrl(a.playlistLink())))
          .append("\">")
          .append(Html.esc(a.playlistLink().substring(a.playlistLink().lastIndexOf('/') + 1)))
          .append("</a>");
    }
    b.append(
            "</p>\n<div class=\"table-box\"><table>\n<thead><tr><th class=\"num\">#</th><th>title</th>")
        .append(
            "<th class=\"num\">length</th><th class=\"num\">LUFS before</th><th class=\"num\">LUFS after</th>")
        .append(
            "<th class=\"num\">peak before</th><th class=\"num\">peak after</th><th>from</th></tr></thead>\n")
        .append("<tbody>\n");
    for (AlbumRun.Track t : a.tracks()) {
      b.append("<tr><td class=\"num\">").append(t.number()).append("</td><td>");
      if (t.link().isEmpty()) {
        b.append(Html.esc(t.title()));
      } else {
        b.append("<a href=\"")
            .append(Html.esc(Html.relativeUrl(t.link())))
            .append("\">")
            .append(Html.esc(t.title()))
            .append("</a>");
      }
      b.append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.1f s", t.durationSeconds()))
          .append("</td><td class=\"num\">")
          .append(level(t.lufsBefore()))
          .append("</td><td class=\"num\">")
          .append(level(t.lufsAfter()))
          .append("</td><td class=\"num\">")
          .append(level(t.peakBeforeDbfs()))
          .append("</td><td class=\"num\">")
          .append(level(t.peakAfterDbfs()))
          .append("</td><td><code>")
          .append(Html.esc(t.source()))
          .append("</code></td></tr>\n");
    }
    b.append("</tbody></table></div>\n</section>\n");
  }

  static void outputs(StringBuilder b, List<OutputFileRun> outputs) {
    if (outputs.isEmpty()) {
      return;
    }
    b.append("<section class=\"outputs\">\n<h2>Output files</h2>\n<ul class=\"files\">\n");
    for (OutputFileRun o : outputs) {
      b.append("<li>");
      if (o.written() && !o.link().isEmpty()) {
        b.append("<a href=\"")
            .append(Html.esc(Html.relativeUrl(o.link())))
            .append("\">")
            .append(Html.esc(o.path()))
            .append("</a>");
      } else {
        b.append("<code>").append(Html.esc(o.path())).append("</code>");
      }
      b.append(" \u2190 <code>").append(Html.esc(o.step())).append("</code>");
      if (!o.written()) {
        b.append(" <span class=\"note\">not written: ")
            .append(Html.esc(o.problem()))
            .append("</span>");
      }
      b.append("</li>\n");
    }
    b.append("</ul>\n</section>\n");
  }

  private static String level(Double db) {
    return db == null ? "\u2014" : String.format(Locale.ROOT, "%.1f", db);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }

  private static boolean sameNumber(String a, String b, double tolerance) {
    try {
      return Math.abs(Double.parseDouble(a) - Double.parseDouble(b)) < tolerance;
    } catch (NumberFormatException e) {
      return a.equals(b);
    }
  }

  /** {@code 96.0} → {@code 96}; other text unchanged. */
  private static String trimNumber(String s) {
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
