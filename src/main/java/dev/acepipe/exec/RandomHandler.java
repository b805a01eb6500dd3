package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.RandomSample;
import dev.acepipe.dsl.model.StepKind;

/** {@code random}: {@code POST /create_random_sample}; a random caption, lyrics and metas. */
final class RandomHandler implements AnswerHandler {
  @Override
  public Class<?> questionType() {
    return String.class;
  }

  @Override
  public StepKind kind() {
    return StepKind.RANDOM;
  }

  @Override
  public StepAction action(ActionInput in) {
    Object type = in.resolved().extra().get("sample_type");
    return StepAction.Ask.random(type == null ? "custom_mode" : type.toString());
  }

  @Override
  public RandomSample answer(StepAction action, AceStepClient client) {
    return client.randomSample(AnswerHandler.question(action, String.class));
  }

  @Override
  public void recipe(StepAction action, ObjectNode recipe) {
    recipe.put("sample_type", AnswerHandler.question(action, String.class));
  }
}
