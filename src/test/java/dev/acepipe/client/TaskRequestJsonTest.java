package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskRequestJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aTypedFieldWinsOverAnExtraOfTheSameNameWithoutDuplicateKeys() throws Exception {
    TaskRequest request =
        TaskRequest.builder().seed(3).bpm(100).extra("bpm", 90).extra("shift", 3.0).build();

    String json = mapper.writeValueAsString(request);

    assertThat(json).containsOnlyOnce("\"bpm\"").contains("\"bpm\":100").contains("\"shift\":3.0");
  }

  @Test
  void anExtraFillsAFieldThatIsNotSet() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(3).extra("bpm", 90).build();

    assertThat(mapper.readTree(mapper.writeValueAsString(request)).get("bpm").asInt())
        .isEqualTo(90);
  }

  @Test
  void anExtraCannotTurnRandomSeedsBackOn() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(3).extra("use_random_seed", true).build();

    String json = mapper.writeValueAsString(request);

    assertThat(json).containsOnlyOnce("use_random_seed").contains("\"use_random_seed\":false");
  }

  @Test
  void severalSeedsGoOutAsOneCommaSeparatedStringAndOneStaysAnInteger() throws Exception {
    TaskRequest list =
        TaskRequest.builder().seeds(java.util.List.of(11L, 22L, 33L)).batchSize(3).build();
    TaskRequest single = TaskRequest.builder().seeds(java.util.List.of(11L)).build();

    assertThat(mapper.readTree(mapper.writeValueAsString(list)).get("seed").asText())
        .isEqualTo("11,22,33");
    assertThat(mapper.readTree(mapper.writeValueAsString(single)).get("seed").isInt()).isTrue();
    assertThat(list.seed()).isEqualTo(11L);
    assertThat(mapper.writeValueAsString(list)).containsOnlyOnce("\"seed\"");
  }

  @Test
  void aNegativeSeedInAListIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TaskRequest.builder().seeds(java.util.List.of(1L, -1L)).batchSize(2).build())
        .hasMessageContaining("per-take list");
  }

  @Test
  void lmRewriteFlagsAreSentExplicitlyWhenSet() throws Exception {
    TaskRequest off = TaskRequest.builder().useCotCaption(false).useCotLanguage(false).build();
    TaskRequest unset = TaskRequest.builder().build();

    String json = mapper.writeValueAsString(off);

    assertThat(json).contains("\"use_cot_caption\":false").contains("\"use_cot_language\":false");
    assertThat(mapper.writeValueAsString(unset)).doesNotContain("use_cot");
  }

  @Test
  void anAiTokenExtraNeverReachesTheBody() throws Exception {
    TaskRequest request =
        TaskRequest.builder().extra("ai_token", "secret").extra("aiToken", "secret").build();

    assertThat(mapper.writeValueAsString(request))
        .doesNotContain("ai_token")
        .doesNotContain("aiToken")
        .doesNotContain("secret");
  }

  @Test
  void aSeedExtraCannotDuplicateTheSeed() throws Exception {
    TaskRequest request = TaskRequest.builder().seed(4).extra("seed", 99).build();

    assertThat(mapper.writeValueAsString(request))
        .containsOnlyOnce("\"seed\"")
        .contains("\"seed\":4");
  }
}
