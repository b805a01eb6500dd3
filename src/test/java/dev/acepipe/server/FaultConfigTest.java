package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultConfigTest {
  @Test
  void parsesEveryKeyInAnyOrder() {
    FaultConfig c =
        FaultConfig.parse(
            "slow-seconds=2, fail=0.1,seed=9,http500=0.2,http429=0.3,drop=0.05,slow=0.4");

    assertThat(c).isEqualTo(new FaultConfig(9, 0.2, 0.3, 0.05, 0.1, 0.4, 2, 0, 0));
  }

  @Test
  void emptySpecMeansNoFaults() {
    assertThat(FaultConfig.parse("").none()).isTrue();
  }

  @Test
  void rejectsUnknownKeysBadNumbersAndOutOfRangeProbabilities() {
    assertThatThrownBy(() -> FaultConfig.parse("boom=1"))
        .hasMessageContaining("unknown fault 'boom'");
    assertThatThrownBy(() -> FaultConfig.parse("drop=lots"))
        .hasMessageContaining("'drop' needs a number");
    assertThatThrownBy(() -> FaultConfig.parse("fail=1.5"))
        .hasMessageContaining("'fail' must be a probability");
    assertThatThrownBy(() -> FaultConfig.parse("fail")).hasMessageContaining("not key=value");
  }

  @org.junit.jupiter.api.Test
  void silentAndClippedJobCountsParseAndMustBeWholeNumbers() {
    FaultConfig c = FaultConfig.parse("silent-jobs=1, clipped-jobs=2");

    org.assertj.core.api.Assertions.assertThat(c.silentJobs()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(c.clippedJobs()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(c.none()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultConfig.parse("silent-jobs=1.5"))
        .hasMessageContaining("whole number of jobs");
  }
}
