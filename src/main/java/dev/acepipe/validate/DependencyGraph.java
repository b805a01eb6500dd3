package dev.acepipe.validate;

import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepDependencies;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The step-level dependency graph of a pipeline as written (before matrix expansion), for finding
 * cycles before there is a plan: an edge u→v when v depends on u ({@link StepDependencies}). Edges
 * to steps that do not exist are left out (they are {@code unknown-step} diagnostics). May contain
 * cycles; the plan's instance graph is the one the rest of the engine uses.
 */
final class DependencyGraph {
  private DependencyGraph() {}

  /**
   * Vertices are the step ids in declaration order; self-loops are kept (a step that needs itself).
   */
  static Graph<String, DefaultEdge> of(Pipeline pipeline) {
    Graph<String, DefaultEdge> g =
        GraphTypeBuilder.<String, DefaultEdge>directed()
            .allowingSelfLoops(true)
            .allowingMultipleEdges(false)
            .edgeClass(DefaultEdge.class)
            .buildGraph();
    pipeline.steps().keySet().forEach(g::addVertex);
    for (Step step : pipeline.steps().values()) {
      for (String dep : StepDependencies.of(step).all()) {
        if (g.containsVertex(dep)) {
          g.addEdge(dep, step.id());
        }
      }
    }
    return g;
  }
}
