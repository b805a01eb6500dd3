package dev.acepipe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.acepipe.plan.PlanRenderer;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.Planner;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.DiagnosticPrinter;
import dev.acepipe.validate.PipelineChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code engine plan FILE}: validates, expands and orders the pipeline and prints the plan as text
 * (levels), DOT, Mermaid or JSON. Exit 3 with diagnostics when the pipeline is invalid or a value given
 * at plan time ({@code --set}, {@code --params}, environment) is missing, undeclared, of the wrong type or
 * out of range; exit 2 when the params file itself is unusable.
 */
@Command(
    name = "plan",
    description = "Show the execution plan of a pipeline: levels, order and resolved request fields.",
    mixinStandardHelpOptions = true)
public final class PlanCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    dot,
    mermaid,
    json
  }

  @ParentCommand Main main;

  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file.")
  Path file;

  @Option(names = "--format", defaultValue = "text", description = "text (default), dot, mermaid or json.")
  Format format;

  @Mixin ParamsOptions params = new ParamsOptions();

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.USAGE, file + ": no such file");
    }
    // The decoder and rules cover everything the schema says; the schema pass is left to `validate`
    // because on large pipelines it costs more than planning itself.
    ParamsOptions.Loaded given = params.load();
    if (!given.ok()) {
      DiagnosticPrinter.print(given.diagnostics(), given.sources(), main.err());
      return ExitCodes.USAGE;
    }
    CheckResult checked = new PipelineChecker(false).check(file, file.toString());
    if (!checked.isValid()) {
      DiagnosticPrinter.print(checked.diagnostics(), checked.sources(), main.err());
      return ExitCodes.INVALID;
    }
    PlanResult result = new Planner().plan(checked.pipeline(), given.inputs(System.getenv()));
    if (!result.ok()) {
      Map<String, List<String>> sources = new LinkedHashMap<>(checked.sources());
      sources.putAll(given.sources());
      DiagnosticPrinter.print(result.diagnostics(), sources, main.err());
      return ExitCodes.INVALID;
    }
    String text =
        switch (format) {
          case text -> PlanRenderer.text(result.plan());
          case dot -> PlanRenderer.dot(result.plan());
          case mermaid -> PlanRenderer.mermaid(result.plan());
          case json -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(PlanRenderer.json(result.plan())) + "\n";
        };
    main.out().print(text);
    if (format == Format.text) {
      PlanCache.print(file, result.plan(), main.out());
    }
    return ExitCodes.OK;
  }
}
