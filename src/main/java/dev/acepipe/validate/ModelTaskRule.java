package dev.acepipe.validate;

import dev.acepipe.adapters.ModelCheck;
import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A step's task type must be one its {@code model:} runs: the server does not check, and a turbo
 * model asked for a base-only task (extract, lego, complete) renders something unrelated. Checked
 * where the model is known before running (a literal or a var) by a {@link ModelCheck} ({@link
 * ModelCheck#offline()}, the documented lists, by default; the executor checks again against the
 * server's inventory before it submits, which also catches names the server does not have).
 */
public final class ModelTaskRule implements Rule {
  private final ModelCheck models;

  public ModelTaskRule() {
    this(ModelCheck.offline());
  }

  public ModelTaskRule(ModelCheck models) {
    this.models = models;
  }

  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      Optional<String> task = TaskTypes.of(step, text(pipeline, step, StepField.VARIANT));
      Optional<String> model = text(pipeline, step, StepField.MODEL).map(String::strip);
      if (task.isEmpty() || model.isEmpty() || model.get().isEmpty()) {
        continue;
      }
      if (models.check(model.get(), task.get()) instanceof ModelCheck.TaskNotSupported no) {
        out.add(
            Diagnostic.error(
                Codes.BASE_ONLY_TASK,
                step.locationOf(StepField.MODEL.key()),
                "step '" + step.id() + "' is a " + task.get() + " task; " + no.message(),
                ModelCheck.TURBO_TASKS.contains(task.get())
                    ? "choose another model"
                    : task.get()
                        + " runs on base models only: choose a model without 'turbo',"
                        + " e.g. 'model: acestep-v15-base'"));
      }
    }
  }

  private static Optional<String> text(Pipeline p, Step step, StepField f) {
    Optional<Template> t = step.field(f).map(x -> StaticValues.substituteVars(p, x));
    return t.filter(Template::isConstant).flatMap(Template::constant);
  }
}
