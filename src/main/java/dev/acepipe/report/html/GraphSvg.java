package dev.acepipe.report.html;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link GraphLayout} as inline SVG: one {@code <g class="node">} per step (a box coloured
 * by state, the step id as text, a link to the step's card) and one {@code <path class="edge">} per
 * dependency.
 */
final class GraphSvg {
  static final int NODE_W = 168;
  static final int NODE_H = 40;
  private static final int GAP_X = 56;
  private static final int GAP_Y = 18;
  private static final int PAD = 12;

  /** Longer ids are shortened in the box; the full id is in the node's {@code <title>}. */
  private static final int MAX_LABEL = 20;

  private GraphSvg() {}

  static String render(GraphLayout layout, Map<String, String> anchorById) {
    int width =
        PAD * 2 + Math.max(1, layout.levels()) * NODE_W + Math.max(0, layout.levels() - 1) * GAP_X;
    int height =
        PAD * 2 + Math.max(1, layout.rows()) * NODE_H + Math.max(0, layout.rows() - 1) * GAP_Y;
    Map<String, int[]> at = new HashMap<>();
    for (GraphLayout.Node n : layout.nodes()) {
      at.put(
          n.id(), new int[] {PAD + n.level() * (NODE_W + GAP_X), PAD + n.row() * (NODE_H + GAP_Y)});
    }
    StringBuilder b = new StringBuilder();
    Html.openSvg(b, "graph", "pipeline graph", width, height);
    b.append(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
        .append(
            " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#667\"/>")
        .append("</marker></defs>\n");
    for (GraphLayout.Edge e : layout.edges()) {
      int[] f = at.get(e.from());
      int[] t = at.get(e.to());
      double x1 = f[0] + NODE_W;
      double y1 = f[1] + NODE_H / 2.0;
      double x2 = t[0];
      double y2 = t[1] + NODE_H / 2.0;
      double mid = (x1 + x2) / 2;
      b.append(
          String.format(
              Locale.ROOT,
              "<path class=\"edge\" data-from=\"%s\" data-to=\"%s\" d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\""
                  + " fill=\"none\" stroke=\"#667\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
              Html.esc(e.from()),
              Html.esc(e.to()),
              x1,
              y1,
              mid,
              y1,
              mid,
              y2,
              x2,
              y2));
    }
    for (GraphLayout.Node n : layout.nodes()) {
      int[] p = at.get(n.id());
      String label =
          n.id().length() > MAX_LABEL ? n.id().substring(0, MAX_LABEL - 1) + "\u2026" : n.id();
      b.append("<a href=\"#")
          .append(Html.esc(anchorById.get(n.id())))
          .append("\">")
          .append("<g class=\"node state-")
          .append(n.state().label())
          .append("\" data-step=\"")
          .append(Html.esc(n.id()))
          .append("\">")
          .append("<title>")
          .append(Html.esc(n.id() + " (" + n.state().label() + ")"))
          .append("</title>")
          .append("<rect x=\"")
          .append(p[0])
          .append("\" y=\"")
          .append(p[1])
          .append("\" width=\"")
          .append(NODE_W)
          .append("\" height=\"")
          .append(NODE_H)
          .append("\" rx=\"6\"/>")
          .append("<text x=\"")
          .append(p[0] + NODE_W / 2)
          .append("\" y=\"")
          .append(p[1] + NODE_H / 2)
          .append("\" text-anchor=\"middle\" dominant-baseline=\"central\">")
          .append(Html.esc(label))
          .append("</text></g></a>\n");
    }
    b.append("</svg>");
    return b.toString();
  }
}
