package dev.acepipe.plan;

import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import dev.acepipe.secret.Credentials;
import dev.acepipe.secret.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.graph.DefaultEdge;

/** Renders a {@link Plan} as text (levels), Graphviz DOT, Mermaid or a JSON-ready map. */
public final class PlanRenderer {
  private static final int MAX_VALUE = 72;

  private PlanRenderer() {}

  /** A planned field as text: literals as they are, upstream reads as {@code ${steps.ID.FIELD}}. */
  public static String show(Template t) {
    return t.render(
        p -> {
          Part.StepFieldRef r = (Part.StepFieldRef) p;
          return "${steps." + r.step() + "." + r.field().yamlName() + "}";
        });
  }

  /** Levels, each step with its kind, dependencies and fields; then the outputs. */
  public static String text(Plan plan) {
    StringBuilder b = new StringBuilder();
    b.append("plan ")
        .append(plan.name())
        .append(": ")
        .append(plan.order().size())
        .append(plan.order().size() == 1 ? " step" : " steps")
        .append(", ")
        .append(plan.levels().size())
        .append(plan.levels().size() == 1 ? " level" : " levels")
        .append(", seed ")
        .append(plan.seed())
        .append('\n');
    plan.server()
        .ifPresentOrElse(
            s -> {
              for (PlannedServer.Entry e : s.entries()) {
                b.append("server ")
                    .append(s.entries().size() > 1 ? e.traits().name() + " " : "")
                    .append(Credentials.maskInUrl(e.url()))
                    .append(e.key().isPresent() ? " (with API key)" : "")
                    .append('\n');
              }
            },
            () -> b.append("server embedded\n"));
    Map<String, PlannedStep> steps = plan.steps();
    for (int i = 0; i < plan.levels().size(); i++) {
      b.append("level ").append(i).append('\n');
      for (String id : plan.levels().get(i)) {
        PlannedStep s = steps.get(id);
        b.append("  ").append(id).append("  ").append(s.kind().yamlName());
        if (s.kind().producesAudio()) {
          b.append("  takes ").append(s.takes());
        }
        if (s.from() != null) {
          b.append("  from ").append(s.from());
        }
        if (s.reference() != null) {
          b.append("  reference ").append(s.reference());
        }
        s.selectRule()
            .ifPresent(
                r ->
                    b.append("  pick ")
                        .append(ruleText(r))
                        .append(" of ")
                        .append(s.candidates().size())
                        .append(s.candidates().size() == 1 ? " take" : " takes"));
        if (!s.dependencies().isEmpty()) {
          b.append("  after ").append(String.join(", ", s.dependencies()));
        }
        b.append('\n');
        for (Map.Entry<StepField, Template> e : s.fields().entrySet()) {
          b.append("    ")
              .append(e.getKey().key())
              .append(": ")
              .append(oneLine(show(e.getValue())))
              .append('\n');
        }
        s.extra()
            .forEach(
                (k, v) ->
                    b.append("    extra.")
                        .append(k)
                        .append(": ")
                        .append(oneLine(String.valueOf(v)))
                        .append('\n'));
      }
    }
    if (!plan.outputs().isEmpty()) {
      b.append("outputs\n");
      plan.outputs()
          .forEach(o -> b.append("  ").append(o.ref()).append(" → ").append(o.path()).append('\n'));
    }
    plan.album()
        .ifPresent(
            a -> {
              b.append("album ")
                  .append(a.title())
                  .append(a.artistName().map(n -> " by " + n).orElse(""))
                  .append(" → ")
                  .append(a.dir())
                  .append('/');
              a.loudnessTarget().ifPresent(l -> b.append("  loudness ").append(l).append(" LUFS"));
              b.append('\n');
              a.tracks()
                  .forEach(
                      t ->
                          b.append("  ")
                              .append(t.fileName())
                              .append(" ← ")
                              .append(t.source())
                              .append('\n'));
            });
    return b.toString();
  }

  public static String dot(Plan plan) {
    StringBuilder b = new StringBuilder();
    b.append("digraph ")
        .append(quote(plan.name()))
        .append(" {\n  rankdir=LR;\n  node [shape=box];\n");
    for (PlannedStep s : plan.order()) {
      b.append("  ")
          .append(quote(s.id()))
          .append(" [label=")
          .append(quote(s.id() + "\\n" + s.kind().yamlName()))
          .append("];\n");
    }
    for (DefaultEdge e : plan.graph().edgeSet()) {
      b.append("  ")
          .append(quote(plan.graph().getEdgeSource(e)))
          .append(" -> ")
          .append(quote(plan.graph().getEdgeTarget(e)))
          .append(";\n");
    }
    return b.append("}\n").toString();
  }

  public static String mermaid(Plan plan) {
    StringBuilder b = new StringBuilder("flowchart LR\n");
    Map<String, String> node = new HashMap<>();
    for (PlannedStep s : plan.order()) {
      String n = "n" + node.size();
      node.put(s.id(), n);
      b.append("  ")
          .append(n)
          .append("[\"")
          .append(mermaidText(s.id()))
          .append("<br/>")
          .append(s.kind().yamlName())
          .append("\"]\n");
    }
    for (PlannedStep s : plan.order()) {
      for (String dep : s.dependencies()) {
        b.append("  ").append(node.get(dep)).append(" --> ").append(node.get(s.id())).append('\n');
      }
    }
    return b.toString();
  }

  /** A map for Jackson; the API key is never included. */
  public static Map<String, Object> json(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", plan.name());
    m.put("file", plan.file());
    m.put("seed", plan.seed());
    plan.server()
        .ifPresent(
            s -> {
              List<Map<String, Object>> servers = new ArrayList<>();
              for (PlannedServer.Entry e : s.entries()) {
                Map<String, Object> server = new LinkedHashMap<>();
                if (s.entries().size() > 1) {
                  server.put("name", e.traits().name());
                }
                server.put("url", Credentials.maskInUrl(e.url()));
                server.put("api_key", e.key().isPresent() ? "***" : null);
                servers.add(server);
              }
              // One server keeps the single-object form; a pool lists its servers.
              m.put(
                  servers.size() == 1 ? "server" : "servers",
                  servers.size() == 1 ? servers.get(0) : servers);
            });
    m.put("levels", plan.levels());
    List<Map<String, Object>> steps = new ArrayList<>();
    Map<String, Integer> levelOf = new HashMap<>();
    for (int i = 0; i < plan.levels().size(); i++) {
      for (String id : plan.levels().get(i)) {
        levelOf.put(id, i);
      }
    }
    for (PlannedStep s : plan.order()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("id", s.id());
      j.put("step", s.stepId());
      j.put("kind", s.kind().yamlName());
      j.put("level", levelOf.get(s.id()));
      if (!s.matrixValues().isEmpty()) {
        j.put("matrix", s.matrixValues());
      }
      j.put("dependencies", s.dependencies());
      j.put("takes", s.takes());
      j.put("retries", s.retries());
      j.put("timeout_seconds", s.timeout().toSeconds());
      if (s.from() != null) {
        j.put("from", s.from().toString());
      }
      if (s.reference() != null) {
        j.put("reference", s.reference().toString());
      }
      s.selectRule()
          .ifPresent(
              r -> {
                j.put("pick", ruleText(r));
                j.put("candidates", s.candidates().stream().map(Object::toString).toList());
              });
      Map<String, Object> fields = new LinkedHashMap<>();
      s.fields()
          .forEach(
              (f, t) ->
                  fields.put(
                      f.key(), t.isConstant() ? f.convert(t.constant().orElseThrow()) : show(t)));
      j.put("fields", fields);
      if (!s.extra().isEmpty()) {
        j.put("extra", s.extra());
      }
      steps.add(j);
    }
    m.put("steps", steps);
    List<Map<String, Object>> outputs = new ArrayList<>();
    plan.outputs()
        .forEach(
            o -> {
              Map<String, Object> j = new LinkedHashMap<>();
              j.put("step", o.ref().step());
              j.put("take", o.ref().take());
              j.put("path", o.path());
              outputs.add(j);
            });
    m.put("outputs", outputs);
    if (!plan.params().isEmpty()) {
      m.put("params", shownParams(plan));
    }
    plan.album()
        .ifPresent(
            a -> {
              Map<String, Object> j = new LinkedHashMap<>();
              j.put("title", a.title());
              a.artistName().ifPresent(n -> j.put("artist", n));
              j.put("format", a.format());
              a.loudnessTarget().ifPresent(l -> j.put("loudness_lufs", l));
              j.put("dir", a.dir());
              List<Map<String, Object>> tracks = new ArrayList<>();
              a.tracks()
                  .forEach(
                      t -> {
                        Map<String, Object> tj = new LinkedHashMap<>();
                        tj.put("number", t.number());
                        tj.put("title", t.title());
                        tj.put("step", t.source().step());
                        tj.put("take", t.source().take());
                        tj.put("file", t.fileName());
                        tracks.add(tj);
                      });
              j.put("tracks", tracks);
              m.put("album", j);
            });
    return m;
  }

  /**
   * The params, with every value that went into the server's API key masked: it is as secret as the
   * key.
   */
  private static Map<String, String> shownParams(Plan plan) {
    Redaction key = Redaction.of(plan.server().map(PlannedServer::keys).orElse(List.of()));
    Map<String, String> shown = new LinkedHashMap<>();
    plan.params()
        .forEach((name, value) -> shown.put(name, key.feeds(value) ? Credentials.MASK : value));
    return shown;
  }

  /** A select rule as written in YAML: {@code loudest}, {@code {index: 2}}. */
  public static String ruleText(SelectRule r) {
    if (r instanceof SelectRule.Index i) {
      return "{index: " + i.index() + "}";
    }
    if (r instanceof SelectRule.ClosestDuration c) {
      return "{closest_duration: "
          + (c.seconds() == Math.rint(c.seconds())
              ? String.valueOf((long) c.seconds())
              : String.valueOf(c.seconds()))
          + "}";
    }
    return r.yamlName();
  }

  private static String oneLine(String s) {
    String t = s.replace("\r", "").replace("\n", "⏎ ").strip();
    return t.length() > MAX_VALUE ? t.substring(0, MAX_VALUE - 1) + "…" : t;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
  }

  private static String mermaidText(String s) {
    return s.replace("\"", "#quot;");
  }
}
