package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskRequestJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aTypedFieldWinsOverAnExtraOfTheSameNameWithoutDuplicateKeys() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(3).bpm(100).extra("bpm", 90).extra("shift", 3.0).build();

    String json = mapper.writeValueAsString(request);

    assertThat(json).containsOnlyOnce("\"bpm\"").contains("\"bpm\":100").contains("\"shift\":3.0");
  }

  @Test
  void anExtraFillsAFieldThatIsNotSet() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(3).extra("bpm", 90).build();

    assertThat(mapper.readTree(mapper.writeValueAsString(request)).get("bpm").asInt()).isEqualTo(90);
  }

  @Test
  void anExtraCannotTurnRandomSeedsBackOn() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(3).extra("use_random_seed", true).build();

    String json = mapper.writeValueAsString(request);

    assertThat(json).containsOnlyOnce("use_random_seed").contains("\"use_random_seed\":false");
  }
}
