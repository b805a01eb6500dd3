package dev.acepipe.cli;

import dev.acepipe.json.JsonMappers;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlanRenderer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine plan FILE}: validates, expands and orders the pipeline and prints the plan as text
 * (levels), DOT, Mermaid or JSON. Exit 3 with diagnostics when the pipeline is invalid or a value
 * given at plan time ({@code --set}, {@code --params}, environment) is missing, undeclared, of the
 * wrong type or out of range; exit 2 when the params file itself is unusable.
 */
@Command(
    name = "plan",
    description =
        "Show the execution plan of a pipeline: levels, order and resolved request fields.")
public final class PlanCommand extends EngineCommand {
  /** Output formats. */
  enum Format {
    text,
    dot,
    mermaid,
    json
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), dot, mermaid or json.")
  Format format;

  @Mixin ParamsOptions params = new ParamsOptions();

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Override
  public Integer call() throws Exception {
    PipelinePlans.Outcome planned = PipelinePlans.lenient(main, file, params);
    return planned.ok() ? print(planned) : planned.exitCode();
  }

  /** The plan in the chosen format; as text, followed by what the cache already holds. */
  private int print(PipelinePlans.Outcome planned) throws Exception {
    Plan plan = planned.plan();
    String text =
        switch (format) {
          case text -> PlanRenderer.text(plan);
          case dot -> PlanRenderer.dot(plan);
          case mermaid -> PlanRenderer.mermaid(plan);
          case json -> JsonMappers.pretty().writeValueAsString(PlanRenderer.json(plan)) + "\n";
        };
    main.out().print(text);
    if (format == Format.text) {
      try {
        PlanCache.print(
            file, plan, main.out(), remote.open(planned.store(), main.env(), main.err()));
      } finally {
        remote.close();
      }
    }
    return ExitCodes.OK;
  }
}
