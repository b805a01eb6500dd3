package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.AceStepClient;
import java.util.List;

/**
 * A kind that asks the server one synchronous question and answers text (no audio). The answer is
 * pinned in the lockfile for its recipe ({@link LockPolicy}), so a later run, {@code engine plan}
 * and {@code --locked} reuse it instead of asking again.
 */
public non-sealed interface AnswerHandler extends StepHandler {

  /** The type of this kind's questions ({@link StepAction.Ask#question}), checked when asked. */
  Class<?> questionType();

  /**
   * Asks {@code client} what {@code action} asks.
   *
   * @return the server's answer, a record whose components are the step's fields ({@link
   *     StepFields#of})
   * @throws dev.acepipe.client.AceStepException when the server refuses or fails
   */
  Record answer(StepAction action, AceStepClient client);

  /**
   * Asks {@code client} (the executor wraps the call in the lane's guard) and returns the answer as
   * the step's output: its fields, and no take.
   *
   * @throws dev.acepipe.client.AceStepException when the server refuses or fails
   */
  default StepOutput ask(String stepId, StepAction action, AceStepClient client) {
    return new StepOutput(stepId, List.of(), StepFields.of(answer(action, client)));
  }

  /**
   * Adds what this kind's answer depends on to {@code recipe} (which already holds its {@code
   * kind}): a pin applies only while these stay the same.
   */
  void recipe(StepAction action, ObjectNode recipe);

  /**
   * The question {@code action}, a {@link StepAction.Ask} of this kind, asks.
   *
   * @param type the type of the kind's questions
   */
  static <Q> Q question(StepAction action, Class<Q> type) {
    return type.cast(((StepAction.Ask<?>) action).question());
  }
}
