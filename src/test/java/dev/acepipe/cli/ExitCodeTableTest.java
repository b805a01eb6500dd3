package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per row of the exit-code table in {@code docs/cli.md}, through the real command line:
 * {@link Main} in-process with captured output, and one child JVM for Ctrl-C.
 */
@Timeout(180)
class ExitCodeTableTest {
  private static final String ONE_STEP =
      """
      version: 1
      name: one
      seed: 1
      steps:
        a:
          type: generate
          prompt: minimal techno
          lyrics: "[inst]"
          duration: 10
      """;

  @TempDir Path project;
  @TempDir Path serverDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int engine(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  private Path pipeline(String yaml) throws Exception {
    Path file = project.resolve("p.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void okZeroWhenEveryStepPassedOrCameFromTheCache() throws Exception {
    Path file = pipeline(ONE_STEP);

    int rendered = engine("run", file.toString());
    int cached = engine("run", file.toString());

    assertThat(rendered).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(cached).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("= a ");
  }

  @Test
  void runFailedOneWhenAStepFailed() throws Exception {
    Path file = pipeline(ONE_STEP.replace("duration: 10", "duration: 10\n    retries: 0"));
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(serverDir)
                .withFaults(new FaultConfig(1, 0, 0, 0, 1.0, 0, 0, 0, 0)))) {

      int code = engine("run", file.toString(), "--server", server.baseUrl());

      assertThat(code).as(err.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    }
  }

  @Test
  void runFailedOneWhenLockedFindsAChange() throws Exception {
    Path file = pipeline(ONE_STEP);
    assertThat(engine("run", file.toString())).isEqualTo(ExitCodes.OK);
    Files.writeString(file, ONE_STEP.replace("minimal techno", "maximal techno"));

    int code = engine("run", file.toString(), "--locked");

    assertThat(code).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(err.toString()).contains("a: stale: prompt changed");
  }

  @Test
  void usageTwoForAnUnknownOptionAMissingFileOrAnUnknownStep() throws Exception {
    Path file = pipeline(ONE_STEP);

    assertThat(engine("run", file.toString(), "--no-such-option")).isEqualTo(ExitCodes.USAGE);
    assertThat(engine("run", project.resolve("missing.yaml").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(engine("run", file.toString(), "--from", "zzz")).isEqualTo(ExitCodes.USAGE);
    assertThat(engine("run", file.toString(), "--reroll", "zzz")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--from names no step: zzz", "--reroll names no step: zzz");
  }

  @Test
  void invalidThreeForAPipelineThatIsNotValid() throws Exception {
    Path file = pipeline(ONE_STEP.replace("duration: 10", "duration: 5"));

    assertThat(engine("validate", file.toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(engine("run", file.toString())).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString()).contains("error[out-of-range]");
  }

  @Test
  void serverFourWhenTheServerCannotBeReached() throws Exception {
    Path file = pipeline(ONE_STEP);

    assertThat(engine("run", file.toString(), "--server", "http://127.0.0.1:1"))
        .isEqualTo(ExitCodes.SERVER);
    assertThat(engine("health", "--server", "http://127.0.0.1:1")).isEqualTo(ExitCodes.SERVER);
  }

  @Test
  void serverFourWhenTheServerRefusesTheKeyOfARun() throws Exception {
    Path file = pipeline(ONE_STEP);
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(serverDir).withApiKey("right"))) {

      int code =
          engine("run", file.toString(), "--server", server.baseUrl(), "--api-key", "wrong-key");

      assertThat(code).as(out + "\n" + err).isEqualTo(ExitCodes.SERVER);
      assertThat(err.toString()).contains("refused the API key").doesNotContain("wrong-key");
    }
  }

  @Test
  void interruptedOneThirtyWhenTheRunIsStoppedAndTheHookLetsTheJvmExit() throws Exception {
    Path file =
        Files.copy(Path.of("src/test/resources/e2e/slow-trio.yaml"), project.resolve("trio.yaml"));
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(serverDir).withWorkers(1).withJobDelaySeconds(5))) {
      Path log = project.resolve("engine.log");
      Process engine =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.acepipe.cli.Main",
                  "run",
                  file.toString(),
                  "--server",
                  server.baseUrl())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      awaitLine(log, " running", engine);

      engine.destroy(); // SIGTERM: the same shutdown hook as Ctrl-C

      assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.exitValue()).as(Files.readString(log)).isEqualTo(ExitCodes.INTERRUPTED);
      assertThat(Files.readString(log)).contains("interrupted", "still in flight on the server");
    }
  }

  private static void awaitLine(Path log, String text, Process engine) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until) && engine.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(100); // polls a child process's log: real time is what it runs in
    }
    throw new AssertionError("the engine never printed '" + text + "'");
  }
}
