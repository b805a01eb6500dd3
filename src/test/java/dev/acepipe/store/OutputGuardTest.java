package dev.acepipe.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputGuardTest {
  @TempDir Path dir;

  @Test
  void refusesLinksOutOfTheProjectAcepipeRecipesAndControlCharacters() throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(project.resolve("up"), outside);
    Files.createSymbolicLink(project.resolve("dangling"), dir.resolve("nowhere"));

    assertThat(OutputGuard.problem(project, project.resolve("out/a.wav"))).isEmpty();
    assertThat(OutputGuard.problem(project, project.resolve("up/deep/a.wav")))
        .get()
        .asString()
        .contains("outside the project");
    assertThat(OutputGuard.problem(project, project.resolve("dangling/a.wav")))
        .get()
        .asString()
        .contains("outside the project");
    assertThat(OutputGuard.problem(project, project.resolve(".acepipe/store/a.wav")))
        .get()
        .asString()
        .contains(".acepipe/");
    assertThat(OutputGuard.problem(project, project.resolve("p.yaml")))
        .get()
        .asString()
        .contains("pipeline");
    assertThat(OutputGuard.problem(project, project.resolve("p.lock.json"))).isPresent();
    assertThat(OutputGuard.problem(project, project.resolve("a\nb.wav")))
        .get()
        .asString()
        .contains("U+000A");
  }
}
