package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine verify} re-renders locked steps and compares them with the lockfile. */
@Timeout(120)
class VerifyRunTest {
  @TempDir Path dir;

  @Test
  void reproducesEveryLockedTakeOnTheEmbeddedSynthesizer() throws Exception {
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), dir.resolve("p")).get(0);
    EngineRun run = EngineRun.of("run", pipeline.toString());
    String lockBefore = Files.readString(dir.resolve("p/chain.lock.json"));

    EngineRun verify = EngineRun.of("verify", pipeline.toString(), "fixed", "side");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.OK);
    assertThat(verify.out())
        .contains("verify: 2 of 2 take(s) reproduced on embedded synthesizer (not AI)");
    assertThat(Files.readString(dir.resolve("p/chain.lock.json"))).isEqualTo(lockBefore);
  }

  @Test
  void tablesTheTakesAServerThatIgnoresSeedsRendersDifferently() throws Exception {
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), dir.resolve("p")).get(0);
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.SNAPSHOT))) {
      EngineRun run = EngineRun.of("run", pipeline.toString(), "--server", server.baseUrl());

      EngineRun verify =
          EngineRun.of("verify", pipeline.toString(), "draft", "--server", server.baseUrl());

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(verify.out())
          .contains(
              "verify: 0 of 1 take(s) reproduced",
              "draft",
              "#0",
              "different audio",
              "locked as not reproducible");
    }
  }

  @Test
  void refusesAStepThePipelineDoesNotHave() throws Exception {
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), dir.resolve("p")).get(0);

    EngineRun verify = EngineRun.of("verify", pipeline.toString(), "nope");

    assertThat(verify.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(verify.err()).contains("no step nope");
  }
}
