package dev.acepipe.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.FormatResult;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;

/**
 * {@code format}: {@code POST /format_input}; the LM rewrites caption and lyrics and fills the
 * metas that later steps read.
 */
final class FormatHandler implements AnswerHandler {
  @Override
  public Class<?> questionType() {
    return FormatRequest.class;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public StepKind kind() {
    return StepKind.FORMAT;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    return StepAction.Ask.format(
        new FormatRequest(
            r.text(StepField.PROMPT).orElse(""),
            r.text(StepField.LYRICS).orElse(""),
            null,
            ActionInput.boxed(r.number(StepField.DURATION)),
            ActionInput.intOrNull(r.integer(StepField.BPM)),
            r.text(StepField.KEY).orElse(null),
            ActionInput.textOrNull(r.integer(StepField.TIME_SIGNATURE)),
            r.text(StepField.LANGUAGE).orElse(null)));
  }

  @Override
  public FormatResult answer(StepAction action, AceStepClient client) {
    return client.formatInput(AnswerHandler.question(action, FormatRequest.class));
  }

  @Override
  public void recipe(StepAction action, ObjectNode recipe) {
    recipe.set("request", JSON.valueToTree(AnswerHandler.question(action, FormatRequest.class)));
  }
}
