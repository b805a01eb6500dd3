package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project on a 3 MB file system: the step whose take no longer fits fails with the disk's
 * message, the run ends at once with exit 1 and its manifest, and no half-written file is left
 * under a final name. Needs permission to mount a tmpfs; skipped where there is none.
 */
@Timeout(120)
class DiskFullTest {
  @TempDir Path dir;
  private Path small;
  private boolean mounted;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    small = Files.createDirectories(dir.resolve("small"));
    mounted = exec("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", small.toString());
    assumeTrue(mounted, "mounting a tmpfs is not allowed here");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      exec("umount", small.toString());
    }
  }

  @Test
  void aFullDiskFailsTheStepWithItsMessageAndTheRunEndsCleanly() throws Exception {
    Path project = Files.createDirectories(small.resolve("p"));
    Files.writeString(
        project.resolve("big.yaml"),
        "version: 1\nseed: 4\nsteps:\n  draft:\n    type: generate\n"
            + "    prompt: calm\n    lyrics: \"[inst]\"\n    duration: 10\n    takes: 3\n    audio_format: wav\n"
            + "outputs:\n  draft: out/draft.wav\n");

    Instant started = Instant.now();
    EngineRun run = EngineRun.of("run", project.resolve("big.yaml").toString());
    Duration took = Duration.between(started, Instant.now());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(run.out() + run.err())
        .contains("No space left on device")
        .doesNotContain("at dev.acepipe");
    assertThat(took).isLessThan(Duration.ofSeconds(60));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(project)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files)
        .noneMatch(
            f ->
                f.getFileName().toString().endsWith(".part")
                    || f.getFileName().toString().endsWith(".tmp"));
    assertThat(project.resolve("out/draft.wav")).doesNotExist();
    assertThat(files).anyMatch(f -> f.getFileName().toString().equals("manifest.json"));
  }

  private static boolean exec(String... command) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
