package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.RandomSample;
import dev.acepipe.dsl.model.StepKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code random}: {@code POST /create_random_sample}; a random caption, lyrics and metas. */
final class RandomHandler implements AnswerHandler {
  @Override
  public StepKind kind() {
    return StepKind.RANDOM;
  }

  @Override
  public StepAction action(ActionInput in) {
    Object type = in.resolved().extra().get("sample_type");
    return new StepAction.Random(type == null ? "custom_mode" : type.toString());
  }

  @Override
  public StepOutput ask(String stepId, StepAction action, AceStepClient client) {
    RandomSample s = client.randomSample(((StepAction.Random) action).sampleType());
    return new StepOutput(
        stepId,
        List.of(),
        new Fields(
            s.description(),
            s.instrumental(),
            s.caption(),
            s.lyrics(),
            s.bpm(),
            s.duration(),
            s.keyScale(),
            s.timeSignature(),
            s.language()));
  }

  @Override
  public void recipe(StepAction action, ObjectNode recipe) {
    recipe.put("sample_type", ((StepAction.Random) action).sampleType());
  }

  /** What {@code /create_random_sample} answered. */
  record Fields(
      String description,
      Boolean instrumental,
      String caption,
      String lyrics,
      Integer bpm,
      Double duration,
      String key,
      String timeSignature,
      String language)
      implements StepFields {
    @Override
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("description", description);
      m.put("instrumental", instrumental);
      m.put("caption", caption);
      m.put("lyrics", lyrics);
      m.put("bpm", bpm);
      m.put("duration", duration);
      m.put("key", key);
      m.put("time_signature", timeSignature);
      m.put("language", language);
      return m;
    }
  }
}
