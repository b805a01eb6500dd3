package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.AceStepClient;

/**
 * A kind that asks the server one synchronous question and answers text (no audio). The answer is
 * pinned in the lockfile for its recipe ({@link LockPolicy}), so a later run, {@code engine plan}
 * and {@code --locked} reuse it instead of asking again.
 */
public non-sealed interface AnswerHandler extends StepHandler {

  /**
   * Asks {@code client} (the executor wraps the call in the lane's guard) and returns the answer as
   * the step's output.
   *
   * @throws dev.acepipe.client.AceStepException when the server refuses or fails
   */
  StepOutput ask(String stepId, StepAction action, AceStepClient client);

  /**
   * Adds what this kind's answer depends on to {@code recipe} (which already holds its {@code
   * kind}): a pin applies only while these stay the same.
   */
  void recipe(StepAction action, ObjectNode recipe);
}
