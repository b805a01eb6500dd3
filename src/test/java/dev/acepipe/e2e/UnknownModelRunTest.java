package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model the server does not have fails the step before anything is submitted, with the server's
 * closest names, instead of silently rendering on the primary model.
 */
@Timeout(120)
class UnknownModelRunTest {
  @TempDir Path dir;

  @Test
  void aMisspelledModelFailsTheStepWithDidYouMean() throws Exception {
    Files.writeString(
        dir.resolve("p.yaml"),
        "version: 1\nsteps:\n  song: {type: generate, duration: 10, model: acestep-v15-bsae}\n");

    EngineRun run = EngineRun.of("run", dir.resolve("p.yaml").toString());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err())
        .contains("the server has no model 'acestep-v15-bsae'")
        .contains("did you mean 'acestep-v15-base'");
  }
}
