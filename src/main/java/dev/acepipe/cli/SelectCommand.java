package dev.acepipe.cli;

import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.store.Lockfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code engine select PIPELINE STEP TAKE}: records which take a {@code pick: manual} step keeps,
 * in the pipeline's lockfile ({@code selected}), so the next run uses it. TAKE is a candidate as
 * {@code engine plan} lists it ({@code hook[mood=dark]#1}, {@code draft#0}, {@code draft} for take
 * 0) or its 0-based position.
 */
@Command(
    name = "select",
    description =
        "Record the take a 'pick: manual' select step keeps (in the pipeline's lockfile).")
public final class SelectCommand extends EngineCommand {
  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
  Path file;

  @Parameters(index = "1", paramLabel = "STEP", description = "A select step with pick: manual.")
  String step;

  @Parameters(
      index = "2",
      paramLabel = "TAKE",
      description = "A candidate (e.g. hook[mood=dark]#1) or its position.")
  String take;

  @Mixin ParamsOptions params = new ParamsOptions();

  @Override
  public Integer call() throws Exception {
    PipelinePlans.Outcome planned = PipelinePlans.lenient(main, file, params);
    return planned.ok() ? record(planned.plan()) : planned.exitCode();
  }

  /** Records the choice in the lockfile beside the pipeline. */
  private int record(Plan plan) throws IOException {
    PlannedStep select = plan.steps().get(step);
    if (select == null || select.selectRule().isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "'" + step + "' is not a select step of " + file);
    }
    if (!(select.selectRule().get() instanceof SelectRule.Manual)) {
      throw new CliException(
          ExitCodes.USAGE,
          "'"
              + step
              + "' picks by "
              + select.selectRule().get().yamlName()
              + "; only a step with pick: manual reads a recorded choice");
    }
    List<StepRef> candidates = select.candidates();
    int position = position(candidates, take);
    Path lockPath = Lockfile.pathFor(file);
    Lockfile lock = Lockfile.read(lockPath).orElse(Lockfile.empty(plan.name()));
    Map<String, Integer> choices = new TreeMap<>(lock.selected());
    choices.put(step, position);
    lock.withSelected(choices).write(lockPath);
    main.out()
        .println(
            step
                + " keeps "
                + candidates.get(position)
                + " (candidate "
                + position
                + " of "
                + candidates.size()
                + "), recorded in "
                + lockPath);
    return ExitCodes.OK;
  }

  private int position(List<StepRef> candidates, String wanted) {
    for (int i = 0; i < candidates.size(); i++) {
      StepRef c = candidates.get(i);
      if (wanted.equals(c.toString()) || wanted.equals(c.step() + "#" + c.take())) {
        return i;
      }
    }
    if (wanted.matches("\\d+") && Integer.parseInt(wanted) < candidates.size()) {
      return Integer.parseInt(wanted);
    }
    throw new CliException(
        ExitCodes.USAGE,
        "'"
            + wanted
            + "' is not a candidate of "
            + step
            + "; candidates: "
            + candidates.stream()
                .map(c -> c.step() + "#" + c.take())
                .collect(Collectors.joining(", ")));
  }
}
