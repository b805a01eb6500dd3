package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that echoes the {@code Authorization} header into every text it returns, and the key
 * given every way acepipe accepts it: no file the run writes (lockfile, store, journal, manifest,
 * report, JUnit, GitHub summary, audio tags) and nothing it prints holds the key, on success and on
 * every error path.
 */
@Timeout(300)
class NoSecretAnywhereTest {
  private static final String KEY = "sk-live-Zq8vW3nT5";
  private static final String WRONG = "sk-wrong-Hy6pB2xK9";

  @TempDir Path dir;
  private EmbeddedServer server;
  private EchoingServerProxy proxy;

  @BeforeEach
  void start() throws IOException {
    server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("srv")).withApiKey(KEY));
    proxy = new EchoingServerProxy(server.baseUrl());
  }

  @AfterEach
  void stop() {
    proxy.close();
    server.close();
  }

  @Test
  void aKeyGivenAsAParamIsInNoFileAndNoOutputWithReportsJunitAndJson() throws IOException {
    Path p = project("param");

    EngineRun run =
        EngineRun.of(
            "-x",
            "run",
            p.resolve("keyed.yaml").toString(),
            "--set",
            "url=" + proxy.baseUrl(),
            "--set",
            "key=" + KEY,
            "--report",
            "--junit",
            p.resolve("junit.xml").toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(proxy.echoed).isTrue();
    assertThat(p.resolve("keyed.lock.json")).exists();
    assertNoKey(p, run.out() + run.err(), KEY);
  }

  @Test
  void planJsonMasksTheParamThatFeedsTheKey() throws IOException {
    Path p = project("plan");

    EngineRun run =
        EngineRun.of(
            "plan",
            p.resolve("keyed.yaml").toString(),
            "--set",
            "url=" + proxy.baseUrl(),
            "--set",
            "key=" + KEY,
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"key\" : \"***\"").doesNotContain(KEY);
    assertThat(run.err()).doesNotContain(KEY);
  }

  @Test
  void aKeyGivenWithApiKeyOrApiKeyFileIsInNoFileAndNoOutput() throws IOException {
    Path a = project("option");
    Path b = project("file");
    Path keyFile = dir.resolve("key.txt");
    Files.writeString(keyFile, KEY + "\n");

    EngineRun byOption =
        EngineRun.of(
            "run",
            a.resolve("keyed.yaml").toString(),
            "--set",
            "url=http://127.0.0.1:9",
            "--server",
            proxy.baseUrl(),
            "--api-key",
            KEY,
            "--report");
    EngineRun byFile =
        EngineRun.of(
            "run",
            b.resolve("keyed.yaml").toString(),
            "--set",
            "url=http://127.0.0.1:9",
            "--server",
            proxy.baseUrl(),
            "--api-key-file",
            keyFile.toString(),
            "--junit",
            b.resolve("j.xml").toString());

    assertThat(byOption.exitCode()).as(byOption.err()).isEqualTo(ExitCodes.OK);
    assertThat(byFile.exitCode()).as(byFile.err()).isEqualTo(ExitCodes.OK);
    assertNoKey(a, byOption.out() + byOption.err(), KEY);
    assertNoKey(b, byFile.out() + byFile.err(), KEY);
  }

  @Test
  void aWrongKeyEchoedInTheRefusalIsNotPrintedOrWritten() throws IOException {
    Path p = project("wrong");

    EngineRun run =
        EngineRun.of(
            "-x",
            "run",
            p.resolve("keyed.yaml").toString(),
            "--set",
            "url=" + proxy.baseUrl(),
            "--set",
            "key=" + WRONG,
            "--report",
            "--junit",
            p.resolve("junit.xml").toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).isNotZero();
    assertNoKey(p, run.out() + run.err(), WRONG);
  }

  @Test
  void anUnreachableServerWithAKeyPrintsNeitherKeyNorStackTraceSecrets() throws IOException {
    Path p = project("down");
    String url = proxy.baseUrl();
    proxy.close();

    EngineRun run =
        EngineRun.of(
            "-x",
            "run",
            p.resolve("keyed.yaml").toString(),
            "--set",
            "url=" + url,
            "--set",
            "key=" + KEY,
            "--junit",
            p.resolve("junit.xml").toString(),
            "--format",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SERVER);
    assertThat(run.out() + run.err()).doesNotContain(KEY);
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }

  @Test
  void jobsFailingMidRunWithTheKeyInTheirErrorTextLeakNothing() throws IOException {
    Path p = project("failing");
    proxy.failJobsAfter(1);

    EngineRun run =
        EngineRun.of(
            "-x",
            "run",
            p.resolve("keyed.yaml").toString(),
            "--set",
            "url=" + proxy.baseUrl(),
            "--set",
            "key=" + KEY,
            "--report",
            "--junit",
            p.resolve("junit.xml").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
    assertNoKey(p, run.out() + run.err(), KEY);
  }

  @Test
  void aKeyFromTheEnvironmentInGitHubModeIsInNoFileAndNoOutput() throws Exception {
    Path viaAcestep = project("env");
    Path viaPipeline = project("env-pipeline");
    Path summary = dir.resolve("summary.md");

    String first =
        engine(
            Map.of(
                "ACESTEP_API_KEY",
                KEY,
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_STEP_SUMMARY",
                summary.toString()),
            "run",
            viaAcestep.resolve("keyed.yaml").toString(),
            "--set",
            "url=http://127.0.0.1:9",
            "--server",
            proxy.baseUrl(),
            "--report",
            "--junit",
            viaAcestep.resolve("j.xml").toString());
    String second =
        engine(
            Map.of(
                "KEYED_SECRET",
                KEY,
                "KEYED_URL",
                proxy.baseUrl(),
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_STEP_SUMMARY",
                summary.toString()),
            "-x",
            "run",
            viaPipeline.resolve("keyed-env.yaml").toString(),
            "--format",
            "json");

    assertThat(first).contains("exit=0");
    assertThat(second).contains("exit=0");
    assertThat(summary).exists();
    assertNoKey(viaAcestep, first, KEY);
    assertNoKey(viaPipeline, second + Files.readString(summary), KEY);
  }

  private Path project(String name) throws IOException {
    Path p = dir.resolve(name);
    EngineRun.copyInto(Path.of("src/test/resources/e2e/keyed.yaml"), p);
    EngineRun.copyInto(Path.of("src/test/resources/e2e/keyed-env.yaml"), p);
    return p;
  }

  /**
   * Runs the engine in its own JVM with {@code env} added; returns everything it printed and its
   * exit code.
   */
  private String engine(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.acepipe.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    File log = dir.resolve("engine-" + System.nanoTime() + ".log").toFile();
    pb.redirectOutput(log);
    Process process = pb.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(log.toPath());
    Files.delete(log.toPath());
    return printed + "\nexit=" + process.exitValue();
  }

  /** Neither {@code printed} nor any byte of any file under {@code project} holds {@code key}. */
  private static void assertNoKey(Path project, String printed, String key) throws IOException {
    assertThat(printed).doesNotContain(key);
    byte[] needle = key.getBytes(StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(project)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("the run wrote files").hasSizeGreaterThan(2);
    for (Path f : files) {
      assertThat(indexOf(Files.readAllBytes(f), needle))
          .as("key in " + project.relativize(f))
          .isEqualTo(-1);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
