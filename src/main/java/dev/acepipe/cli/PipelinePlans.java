package dev.acepipe.cli;

import dev.acepipe.diagnostic.DiagnosticPrinter;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.Planner;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first half of every command that works on a plan: make sure the file is there, read the
 * {@code --set}/{@code --params} values, check the pipeline, plan it. Diagnostics are printed to
 * {@code err}, located in whichever file they belong to.
 */
final class PipelinePlans {
  /**
   * A plan, or the exit code and one-line reason why there is none; {@code store} is the pipeline's
   * {@code store:}, {@code diagnostics} why it could not be planned.
   */
  record Outcome(
      Plan plan,
      int exitCode,
      String problem,
      dev.acepipe.dsl.model.StoreSpec store,
      List<dev.acepipe.diagnostic.Diagnostic> diagnostics) {
    Outcome {
      diagnostics = List.copyOf(diagnostics);
    }

    Outcome(Plan plan, int exitCode, String problem) {
      this(plan, exitCode, problem, null, List.of());
    }

    Outcome(Plan plan, int exitCode, String problem, dev.acepipe.dsl.model.StoreSpec store) {
      this(plan, exitCode, problem, store, List.of());
    }

    Outcome(
        Plan plan,
        int exitCode,
        String problem,
        List<dev.acepipe.diagnostic.Diagnostic> diagnostics) {
      this(plan, exitCode, problem, null, diagnostics);
    }

    boolean ok() {
      return plan != null;
    }

    /** The plan, or a {@link CliException} carrying the exit code and reason. */
    Plan orThrow() {
      if (plan == null) {
        throw new CliException(exitCode, problem);
      }
      return plan;
    }
  }

  private PipelinePlans() {}

  /**
   * As {@link #plan} without the JSON Schema pass (the decoder and the rules cover what the schema
   * says; on large pipelines the schema costs more than planning), with {@code main}'s environment
   * and error stream, for commands that only read the plan (the diagnostics are printed).
   */
  static Outcome lenient(Main main, Path file, ParamsOptions params) {
    return plan(file, params, new PipelineChecker(false), main.env(), main.err());
  }

  /**
   * @param env the environment for {@code ${env.X}}
   * @throws CliException (exit 2) when {@code file} is not a regular file
   */
  static Outcome plan(
      Path file,
      ParamsOptions params,
      PipelineChecker checker,
      Map<String, String> env,
      PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.USAGE, file + ": no such file");
    }
    ParamsOptions.Loaded given = params.load();
    if (!given.ok()) {
      DiagnosticPrinter.print(given.diagnostics(), given.sources(), err);
      return new Outcome(
          null, ExitCodes.USAGE, "the --params file cannot be used", given.diagnostics());
    }
    CheckResult checked = checker.check(file, file.toString());
    if (!checked.isValid()) {
      DiagnosticPrinter.print(checked.diagnostics(), checked.sources(), err);
      return new Outcome(
          null, ExitCodes.INVALID, file + " is not a valid pipeline", checked.diagnostics());
    }
    if (!checked.diagnostics().isEmpty()) {
      DiagnosticPrinter.print(
          checked.diagnostics(), checked.sources(), err); // warnings: the run goes on
    }
    PlanResult planned = new Planner().plan(checked.pipeline(), given.inputs(env));
    if (!planned.ok()) {
      Map<String, List<String>> sources = new LinkedHashMap<>(checked.sources());
      sources.putAll(given.sources());
      DiagnosticPrinter.print(planned.diagnostics(), sources, err);
      return new Outcome(
          null, ExitCodes.INVALID, file + " cannot be planned", planned.diagnostics());
    }
    return new Outcome(
        planned.plan(), ExitCodes.OK, null, checked.pipeline().storeSpec().orElse(null));
  }
}
