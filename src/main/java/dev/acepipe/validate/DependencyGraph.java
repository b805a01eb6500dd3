package dev.acepipe.validate;

import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The step-level dependency graph of a pipeline (before matrix expansion): an edge u→v when v reads
 * u through {@code from:}, {@code reference:}, {@code ${steps.u...}} or {@code needs:}. Edges to
 * steps that do not exist are left out (they are {@code unknown-step} diagnostics). May contain
 * cycles.
 */
public final class DependencyGraph {
  private DependencyGraph() {}

  /** The step ids {@code step} depends on, in the order they are written, without duplicates. */
  public static List<String> dependenciesOf(Step step) {
    Set<String> deps = new LinkedHashSet<>();
    step.fromRef().ifPresent(r -> deps.add(r.step()));
    step.referenceRef().ifPresent(r -> deps.add(r.step()));
    for (Template t : step.fields().values()) {
      for (Part.StepFieldRef r : t.stepRefs()) {
        deps.add(r.step());
      }
    }
    deps.addAll(step.needs());
    return new ArrayList<>(deps);
  }

  /**
   * Vertices are the step ids in declaration order; self-loops are kept (a step that needs itself).
   */
  public static Graph<String, DefaultEdge> of(Pipeline pipeline) {
    Graph<String, DefaultEdge> g =
        GraphTypeBuilder.<String, DefaultEdge>directed()
            .allowingSelfLoops(true)
            .allowingMultipleEdges(false)
            .edgeClass(DefaultEdge.class)
            .buildGraph();
    pipeline.steps().keySet().forEach(g::addVertex);
    for (Step step : pipeline.steps().values()) {
      for (String dep : dependenciesOf(step)) {
        if (g.containsVertex(dep)) {
          g.addEdge(dep, step.id());
        }
      }
    }
    return g;
  }
}
