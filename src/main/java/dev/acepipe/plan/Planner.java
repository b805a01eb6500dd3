package dev.acepipe.plan;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.Instances;
import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepDependencies;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.Template;
import dev.acepipe.graph.Levels;
import dev.acepipe.validate.CycleRule;
import dev.acepipe.validate.SubstitutedValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Turns a valid {@link Pipeline} into a {@link Plan}: substitutes {@code ${vars}}, {@code ${env}},
 * {@code ${params}} and {@code ${matrix}}; expands matrix steps into instances; binds references to
 * matrix steps to the instance with the same matrix values ({@code needs:} waits for all
 * instances); builds the DAG; orders it topologically with declaration order breaking ties;
 * computes levels. A {@code select} step depends on every instance of its source and lists every
 * take as a candidate; {@code ${steps.ID.takes}} is substituted with the declared count; {@code
 * params:} values are typed ({@link ParamValues}); the {@code album:} section is bound to instances
 * ({@link PlannedAlbum}).
 *
 * <p>Values that become known only now (params, env) are type- and range-checked here and reported
 * as diagnostics ({@code missing-value}, {@code wrong-type}, {@code out-of-range}). Stateless and
 * thread-safe.
 */
public final class Planner {
  /** The index of an instance not yet put in the plan order. */
  private static final int UNPLACED = -1;

  /**
   * Plans {@code pipeline}, which should have passed validation; a cycle is still reported, never
   * thrown.
   */
  public PlanResult plan(Pipeline pipeline, PlanInputs given) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, String> params = ParamValues.resolve(pipeline, given, out);
    PlanInputs inputs = new PlanInputs(params, given.env(), given.origins());
    Map<String, String> vars = vars(pipeline, inputs, out);
    PlannedServer server = pipeline.server().map(s -> server(s, vars, inputs, out)).orElse(null);

    // Expand every step into instances, in declaration order.
    Map<String, List<String>> instancesOf = new HashMap<>();
    for (Step step : pipeline.steps().values()) {
      instancesOf.put(step.id(), Instances.ids(step));
    }
    List<PlannedStep> drafts = new ArrayList<>();
    for (Step step : pipeline.steps().values()) {
      for (Map<String, String> values : Instances.combinations(step)) {
        drafts.add(draft(pipeline, step, values, vars, inputs, instancesOf, out));
      }
    }
    if (out.stream().anyMatch(Diagnostic::isError)) {
      return new PlanResult(null, out);
    }

    // The one instance graph: built here, carried by the plan, read by the executor and reports.
    Graph<String, DefaultEdge> graph =
        GraphTypeBuilder.<String, DefaultEdge>directed()
            .allowingSelfLoops(true)
            .allowingMultipleEdges(false)
            .edgeClass(DefaultEdge.class)
            .buildGraph();
    Map<String, Integer> declared = new HashMap<>();
    for (PlannedStep d : drafts) {
      declared.put(d.id(), declared.size());
      graph.addVertex(d.id());
    }
    for (PlannedStep d : drafts) {
      for (String dep : d.dependencies()) {
        graph.addEdge(dep, d.id());
      }
    }
    if (new CycleDetector<>(graph).detectCycles()) {
      // only when the pipeline skipped validation: name the steps on the cycle
      new CycleRule().check(pipeline, pipeline.steps().keySet(), out);
      return new PlanResult(null, out);
    }
    List<String> order = new ArrayList<>(drafts.size());
    new TopologicalOrderIterator<>(graph, Comparator.comparing(declared::get))
        .forEachRemaining(order::add);
    List<List<String>> levels = new Levels<>(graph, Comparator.comparing(declared::get)).levels();

    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    Map<String, PlannedStep> byId = new HashMap<>();
    drafts.forEach(d -> byId.put(d.id(), d));
    List<PlannedStep> steps = new ArrayList<>(order.size());
    for (String id : order) {
      PlannedStep d = byId.get(id);
      List<String> deps = new ArrayList<>(d.dependencies());
      deps.sort(Comparator.comparing(position::get));
      steps.add(d.placed(position.get(id), deps));
    }

    List<PlannedOutput> outputs = new ArrayList<>();
    for (OutputSpec o : pipeline.outputs()) {
      outputs.add(new PlannedOutput(o.ref(), o.path(), o.location()));
    }
    return new PlanResult(
        new Plan(
            pipeline.name(),
            pipeline.file(),
            pipeline.seed(),
            server,
            steps,
            levels,
            graph,
            outputs,
            pipeline.albumSpec().map(a -> album(pipeline, a)).orElse(null),
            params,
            pipeline.switchModels()),
        out);
  }

  private static PlannedAlbum album(Pipeline pipeline, AlbumSpec a) {
    int width = Math.max(2, String.valueOf(a.tracks().size()).length());
    List<PlannedAlbum.Track> tracks = new ArrayList<>();
    int n = 1;
    for (AlbumSpec.TrackSpec t : a.tracks()) {
      String file =
          String.format(
              java.util.Locale.ROOT, "%0" + width + "d - %s.%s", n, t.title().strip(), a.format());
      tracks.add(new PlannedAlbum.Track(n, t.title().strip(), t.ref(), file, t.location()));
      n++;
    }
    String dir =
        a.directory()
            .map(d -> d.replace('\\', '/').replaceAll("/+$", ""))
            .orElse("out/" + pipeline.name());
    return new PlannedAlbum(
        a.title(), a.artist(), a.format(), a.loudness(), dir, tracks, a.location(), a.mastering());
  }

  /**
   * The instance of {@code step} with matrix {@code values}, before ordering: its index is {@link
   * #UNPLACED} and its dependencies are in the order they were found, until {@link
   * PlannedStep#placed} puts it in the plan order.
   */
  private PlannedStep draft(
      Pipeline pipeline,
      Step step,
      Map<String, String> values,
      Map<String, String> vars,
      PlanInputs inputs,
      Map<String, List<String>> instancesOf,
      List<Diagnostic> out) {
    String id = Instances.id(step.id(), values);
    StepDependencies written = StepDependencies.of(step);
    Set<String> deps = new LinkedHashSet<>();
    List<StepRef> candidates = new ArrayList<>();
    StepRef from = null;
    StepRef reference = null;
    Map<StepField, Template> fields = new EnumMap<>(StepField.class);
    if (step.kind() == StepKind.SELECT) {
      // a select collects every take of every instance of its source
      Step source = step.from() == null ? null : pipeline.steps().get(step.from().step());
      for (String instance : source == null ? List.<String>of() : instancesOf.get(source.id())) {
        deps.add(instance);
        for (int take = 0; take < source.takes(); take++) {
          candidates.add(new StepRef(instance, take));
        }
      }
    } else {
      from = step.fromRef().map(r -> r.withStep(bind(pipeline, r.step(), values))).orElse(null);
      reference =
          step.referenceRef().map(r -> r.withStep(bind(pipeline, r.step(), values))).orElse(null);
      // an instance reads the upstream instance with its matrix values
      for (String read : written.reads()) {
        deps.add(bind(pipeline, read, values));
      }
      for (Map.Entry<StepField, Template> e : step.fields().entrySet()) {
        StepField field = e.getKey();
        Template t = e.getValue();
        Template resolved =
            t.substitute(
                part -> {
                  if (part instanceof Part.VarRef v) {
                    return Optional.ofNullable(vars.get(v.name()));
                  }
                  if (part instanceof Part.MatrixRef m) {
                    return Optional.ofNullable(values.get(m.name()));
                  }
                  if (part instanceof Part.StepFieldRef r && r.field() == OutputField.TAKES) {
                    // fixed by the declaration; the edge stays (a read) so ordering does not change
                    return Optional.ofNullable(pipeline.steps().get(r.step()))
                        .map(u -> String.valueOf(u.takes()));
                  }
                  return staticValue(part, inputs, t.location(), field.key(), out);
                });
        List<Part> bound = new ArrayList<>();
        for (Part p : resolved.parts()) {
          if (p instanceof Part.StepFieldRef r) {
            String instance = bind(pipeline, r.step(), values);
            bound.add(new Part.StepFieldRef(instance, r.field()));
          } else {
            bound.add(p);
          }
        }
        Template planned = new Template(t.text(), bound, t.location());
        if (planned.isConstant() && !t.isConstant()) {
          String text = planned.constant().orElseThrow();
          SubstitutedValues.problem(field, t, text, "step '" + id + "': ").ifPresent(out::add);
        }
        fields.put(field, planned);
      }
    }
    // and waits for all instances of a need
    for (String need : written.needs()) {
      deps.addAll(instancesOf.getOrDefault(need, List.of()));
    }
    return new PlannedStep(
        id,
        step.id(),
        values,
        step.kind(),
        UNPLACED,
        List.copyOf(deps),
        step.takes(),
        step.retries(),
        step.timeout(),
        from,
        reference,
        fields,
        step.extra(),
        step.location(),
        step.select(),
        candidates,
        step.checks(),
        step.lora());
  }

  /** The instance of {@code upstream} that an instance with matrix {@code values} reads. */
  private static String bind(Pipeline pipeline, String upstream, Map<String, String> values) {
    Step u = pipeline.steps().get(upstream);
    if (u == null || !u.isMatrix()) {
      return upstream;
    }
    Map<String, String> picked = new LinkedHashMap<>();
    for (String key : u.matrix().keySet()) {
      picked.put(key, values.get(key));
    }
    return Instances.id(upstream, picked);
  }

  private static Map<String, String> vars(
      Pipeline pipeline, PlanInputs inputs, List<Diagnostic> out) {
    Map<String, String> vars = new HashMap<>();
    pipeline
        .vars()
        .forEach(
            (name, t) -> {
              Template r =
                  t.substitute(p -> staticValue(p, inputs, t.location(), "vars." + name, out));
              r.constant().ifPresent(v -> vars.put(name, v));
            });
    return vars;
  }

  private static PlannedServer server(
      ServerSpec s, Map<String, String> vars, PlanInputs inputs, List<Diagnostic> out) {
    List<PlannedServer.Entry> entries = new ArrayList<>();
    for (ServerSpec.Entry e : s.entries()) {
      String url = resolved(e.url(), "server.url", vars, inputs, out);
      String key =
          e.apiKey() == null ? null : resolved(e.apiKey(), "server.api_key", vars, inputs, out);
      // A missing env value was reported above and resolved to ""; the plan is discarded then.
      entries.add(new PlannedServer.Entry(url == null ? "" : url, key, e.traits()));
    }
    return new PlannedServer(entries);
  }

  private static String resolved(
      Template t, String where, Map<String, String> vars, PlanInputs inputs, List<Diagnostic> out) {
    return t.substitute(
            p ->
                p instanceof Part.VarRef v
                    ? Optional.ofNullable(vars.get(v.name()))
                    : staticValue(p, inputs, t.location(), where, out))
        .constant()
        .orElse(null);
  }

  /**
   * The value of an env or params reference, reporting {@code missing-value} when there is none.
   */
  private static Optional<String> staticValue(
      Part part, PlanInputs inputs, SourceLocation at, String where, List<Diagnostic> out) {
    if (part instanceof Part.EnvRef e) {
      Optional<String> value = e.valueIn(inputs.env());
      if (value.isEmpty()) {
        out.add(
            Diagnostic.error(
                Codes.MISSING_VALUE,
                at,
                "'" + where + "': environment variable " + e.name() + " is not set",
                "set it, or write ${env." + e.name() + ":-default}"));
      }
      return value; // when empty, left unresolved, so no follow-up type error is reported
    }
    if (part instanceof Part.ParamRef p) {
      Optional<String> value = p.valueIn(inputs.params());
      if (value.isEmpty()) {
        out.add(
            Diagnostic.error(
                Codes.MISSING_VALUE,
                at,
                "'" + where + "': no value for ${params." + p.name() + "}",
                "pass --set " + p.name() + "=VALUE"));
      }
      return value;
    }
    return Optional.empty();
  }
}
