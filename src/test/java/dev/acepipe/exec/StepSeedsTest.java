package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepSeedsTest {
  @Test
  void derivesTheSameConcreteSeedForTheSameStepEveryTime() {
    long a = StepSeeds.derive(20261125, "draft");

    assertThat(StepSeeds.derive(20261125, "draft")).isEqualTo(a);
    assertThat(a).isBetween(0L, 0x7fffffffL);
  }

  @Test
  void differentStepsAndPipelineSeedsGetDifferentSeeds() {
    assertThat(StepSeeds.derive(1, "draft")).isNotEqualTo(StepSeeds.derive(1, "longer"));
    assertThat(StepSeeds.derive(1, "draft")).isNotEqualTo(StepSeeds.derive(2, "draft"));
  }
}
