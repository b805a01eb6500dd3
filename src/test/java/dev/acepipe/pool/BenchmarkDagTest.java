package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import org.junit.jupiter.api.Test;

class BenchmarkDagTest {
  @Test
  void fortyStepsOfWidthEightEachNeedingTwoOfTheLevelBefore() {
    var jobs = BenchmarkDag.jobs(5, 8, 0.5);

    assertThat(jobs).hasSize(40);
    assertThat(jobs.subList(0, 8)).allSatisfy(j -> assertThat(j.needs()).isEmpty());
    assertThat(jobs.get(8).needs()).containsExactly("s0_0", "s0_1");
    assertThat(jobs.get(15).needs()).containsExactly("s0_7", "s0_0");
    assertThat(jobs.get(39).id()).isEqualTo("s4_7");
  }

  @Test
  void aWidthOfOneIsAChain() {
    assertThat(BenchmarkDag.needs(3, 0, 1)).containsExactly("s2_0");
  }

  @Test
  void thePipelineFileIsAValidPipeline() {
    String yaml = BenchmarkDag.pipelineYaml("pool-bench", 5, 8);

    CheckResult checked = new PipelineChecker().check(yaml, "pool-bench.yaml");

    assertThat(checked.isValid()).as("%s", checked).isTrue();
    assertThat(yaml).contains("  s4_7:\n    type: generate\n").contains("needs: [s3_7, s3_0]");
  }
}
