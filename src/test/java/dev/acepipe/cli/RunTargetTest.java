package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RunTargetTest {
  @TempDir Path project;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), env)
        .run(args);
  }

  private Path pipeline() throws Exception {
    Path file = project.resolve("p.yaml");
    Files.writeString(
        file,
        "version: 1\nname: target\nseed: 4\nsteps:\n  a:\n    type: generate\n    prompt: x\n"
            + "    lyrics: \"[inst]\"\n    duration: 10\n");
    return file;
  }

  @Test
  void runRendersOnTheServerNamedByAcestepUrlAndSaysSoFirst() throws Exception {
    Path file = pipeline();
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(project.resolve("server")))) {

      int code = run(Map.of("ACESTEP_URL", server.baseUrl()), "run", file.toString());

      assertThat(code).isEqualTo(ExitCodes.OK);
      assertThat(err.toString().lines().findFirst())
          .hasValueSatisfying(
              first ->
                  assertThat(first)
                      .startsWith("rendering on " + server.baseUrl())
                      .contains("server version"));
      assertThat(server.counters().acceptedTasks()).isPositive();
    }
  }

  @Test
  void withoutAServerTheFirstLineSaysItIsTheProceduralSynthesizer() throws Exception {
    Path file = pipeline();

    int code = run(Map.of(), "run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString().lines().findFirst())
        .hasValue("rendering on the embedded synthesizer (procedural, not AI)");
  }

  @Test
  void theEnvironmentWinsOverThePipelinesServerUrlAndTheFlagWinsOverBoth() throws Exception {
    Path file = project.resolve("q.yaml");
    Files.writeString(
        file,
        "version: 1\nname: target\nseed: 4\nserver:\n  url: http://127.0.0.1:9\nsteps:\n"
            + "  a:\n    type: generate\n    prompt: x\n    lyrics: \"[inst]\"\n    duration: 10\n");
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(project.resolve("server")))) {

      int fromEnv = run(Map.of("ACESTEP_URL", server.baseUrl()), "run", file.toString());
      int fromFlag =
          run(
              Map.of("ACESTEP_URL", "http://127.0.0.1:9"),
              "run",
              file.toString(),
              "--server",
              server.baseUrl());

      assertThat(fromEnv).isEqualTo(ExitCodes.OK);
      assertThat(fromFlag).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void thePipelinesKeyGoesOnlyToThePipelinesServer() throws Exception {
    String envKey = "env-key-7f3a";
    String pipelineKey = "pipeline-key-91c2";
    try (EmbeddedServer envServer =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(project.resolve("env-server")).withApiKey(envKey));
        EmbeddedServer pipelineServer =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(project.resolve("pipeline-server"))
                    .withApiKey(pipelineKey))) {
      Path file = project.resolve("k.yaml");
      Files.writeString(
          file,
          "version: 1\nname: keys\nseed: 4\nserver:\n  url: "
              + pipelineServer.baseUrl()
              + "\n  api_key: "
              + pipelineKey
              + "\nsteps:\n  a:\n    type: generate\n    prompt: x\n"
              + "    lyrics: \"[inst]\"\n    duration: 10\n");

      int onPipelineServer = run(Map.of("ACESTEP_API_KEY", envKey), "run", file.toString());
      int onEnvServer =
          run(
              Map.of("ACESTEP_URL", envServer.baseUrl(), "ACESTEP_API_KEY", envKey),
              "run",
              file.toString(),
              "--force");

      assertThat(onPipelineServer)
          .as("the pipeline's server gets the pipeline's key, not the shell's")
          .isEqualTo(ExitCodes.OK);
      assertThat(onEnvServer)
          .as("a server the pipeline did not name gets the shell's key, never the pipeline's")
          .isEqualTo(ExitCodes.OK);
      assertThat(envServer.counters().acceptedTasks()).isPositive();
    }
  }
}
