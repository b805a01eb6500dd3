package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTempDirsTest {
  @TempDir Path tmp;

  @Test
  void deletesOnlyFoldersWhoseOwnerProcessIsGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path stale = Files.createDirectories(tmp.resolve("acepipe-embedded-" + gone.pid() + "-123"));
    Files.writeString(stale.resolve("take.wav"), "x");
    Path live =
        Files.createDirectories(
            tmp.resolve("acepipe-embedded-" + ProcessHandle.current().pid() + "-456"));
    Path unknown = Files.createDirectories(tmp.resolve("acepipe-embedded-789abc"));

    int deleted = EmbeddedTempDirs.cleanStale(tmp);

    assertThat(deleted).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(unknown).as("an owner that cannot be told is left alone").isDirectory();
  }
}
