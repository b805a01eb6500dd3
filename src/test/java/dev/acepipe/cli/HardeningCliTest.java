package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line edges a careless or hostile user meets: keys in URLs, impossible ports, key files.
 */
@Timeout(60)
class HardeningCliTest {
  private static final String GEN =
      "version: 1\nsteps:\n  a:\n    type: generate\n    prompt: calm\n    duration: 10\n";

  @TempDir Path project;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
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
  void aServerUrlWithATokenInItsQueryIsRefusedWithoutEchoingTheToken() throws Exception {
    Path p = pipeline(GEN);

    int run = run("run", p.toString(), "--server", "http://127.0.0.1:9/?token=SEKRIT-42abc");
    int health = run("health", "--server", "http://127.0.0.1:9/?token=SEKRIT-42abc");

    assertThat(run).isEqualTo(ExitCodes.USAGE);
    assertThat(health).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("must not have a query").doesNotContain("SEKRIT");
  }

  @Test
  void aPortAbove65535IsAUsageErrorWithAClearMessage() throws Exception {
    Path p =
        pipeline(
            "version: 1\nserver:\n  url: http://127.0.0.1:99999\nsteps:\n  a:\n    type: generate\n"
                + "    prompt: calm\n    duration: 10\n");

    int code = run("run", p.toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("port 99999 is out of range");
  }

  @Test
  void anEmptyOrMissingKeyFileIsAUsageErrorAndBothKeyOptionsAtOnceAreRefused() throws Exception {
    Path p = pipeline(GEN);
    Files.writeString(project.resolve("empty.key"), "\n");

    int empty =
        run(
            "run",
            p.toString(),
            "--server",
            "http://127.0.0.1:9",
            "--api-key-file",
            project.resolve("empty.key").toString());
    int missing = run("health", "--api-key-file", project.resolve("none.key").toString());
    int both =
        run(
            "run",
            p.toString(),
            "--server",
            "http://127.0.0.1:9",
            "--api-key",
            "k1234",
            "--api-key-file",
            project.resolve("empty.key").toString());

    assertThat(empty).isEqualTo(ExitCodes.USAGE);
    assertThat(missing).isEqualTo(ExitCodes.USAGE);
    assertThat(both).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("is empty", "cannot read --api-key-file", "not both");
  }

  @Test
  void helpTellsThatApiKeyIsVisibleInPsAndOffersAKeyFile() {
    run("run", "--help");

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--api-key-file")
        .contains("visible to other users in ps");
  }
}
