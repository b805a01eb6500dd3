package dev.acepipe.dsl.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GivenRefTest {

  @Test
  void aGivenValueWinsOverTheDefaultWritten() {
    Part.GivenRef ref = new Part.ParamRef("bpm", "90");

    assertThat(ref.valueIn(Map.of("bpm", "120"))).contains("120");
  }

  @Test
  void theDefaultWrittenStandsInForAMissingValue() {
    Part.GivenRef ref = new Part.EnvRef("HOME", "/tmp");

    assertThat(ref.valueIn(Map.of())).contains("/tmp");
  }

  @Test
  void withoutValueOrDefaultThereIsNone() {
    Part.GivenRef ref = new Part.EnvRef("HOME", null);

    assertThat(ref.valueIn(Map.of("PATH", "/bin"))).isEmpty();
  }
}
