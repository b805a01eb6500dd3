package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.Journal;
import dev.acepipe.store.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run may write, and what it must not trust, in a project folder a hostile pull request may
 * have shaped.
 */
@Timeout(180)
class ProjectFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aCommittedSymlinkDoesNotCarryAnOutputOutOfTheProject() throws Exception {
    Path project = dir.resolve("p");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(project);
    Files.createSymbolicLink(project.resolve("linkout"), elsewhere);
    Files.writeString(
        project.resolve("p.yaml"),
        "version: 1\nsteps:\n  a:\n    type: generate\n    prompt: calm\n"
            + "    duration: 10\n    audio_format: wav\noutputs:\n  a: linkout/x.wav\n");

    EngineRun run = EngineRun.of("run", project.resolve("p.yaml").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(run.out() + run.err()).contains("outside the project");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aCommittedAcepipeLinkOutOfTheProjectStopsTheRunBeforeAnythingIsWritten() throws Exception {
    Path project = dir.resolve("p");
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/two-takes.yaml"), project).get(0);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(project.resolve(".acepipe"));
    Files.createSymbolicLink(project.resolve(".acepipe/store"), elsewhere);

    EngineRun run = EngineRun.of("run", pipeline.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(run.err()).contains(".acepipe/store is a symbolic link out of the project");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  @Test
  void aSecondEngineOnTheSamePipelineIsRefusedWithExitOneWhateverTheBackend() throws Exception {
    Path project = dir.resolve("p");
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/two-takes.yaml"), project).get(0);

    RunLock first = RunLock.acquire(pipeline);
    EngineRun second = EngineRun.of("run", pipeline.toString());
    boolean wroteWhileLocked = Files.exists(project.resolve("out"));
    first.close();
    EngineRun after = EngineRun.of("run", pipeline.toString());

    assertThat(second.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(second.err()).contains("another engine is running two-takes.yaml");
    assertThat(wroteWhileLocked).isFalse();
    assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void anEditedStoreEntryIsReportedByTakeAndRenderedAgain() throws Exception {
    Path project = dir.resolve("p");
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/two-takes.yaml"), project).get(0);
    EngineRun first = EngineRun.of("run", pipeline.toString());
    byte[] honest = Files.readAllBytes(project.resolve("out/longer.wav"));
    Path entry = entryOf(project, 2);
    ObjectNode json = (ObjectNode) JSON.readTree(entry.toFile());
    ArrayNode takes = (ArrayNode) json.get("takes");
    ((ObjectNode) takes.get(1)).put("sha256", takes.get(0).get("sha256").asText());
    Files.writeString(entry, JSON.writeValueAsString(json));

    EngineRun second = EngineRun.of("run", pipeline.toString());

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.err())
        .contains(
            "step 'draft': stored take 1 is sha256:",
            "but the lockfile pins",
            "not trusted, rendering again");
    assertThat(Files.readAllBytes(project.resolve("out/longer.wav"))).isEqualTo(honest);
  }

  @Test
  void unreadableJournalLinesAreCountedAndNamed() throws Exception {
    Path project = dir.resolve("p");
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/two-takes.yaml"), project).get(0);
    Path journal = Journal.pathFor(project, "two-takes");
    Files.createDirectories(journal.getParent());
    Files.writeString(journal, "not json\n{\"event\":\"what\"}\n");

    EngineRun run;
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("srv")))) {
      run = EngineRun.of("run", pipeline.toString(), "--server", server.baseUrl());
    }

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains("journal: skipped 2 unreadable line(s) of " + journal);
  }

  @Test
  void aBrokenLockfileIsNamedOnceWithAWayOut() throws Exception {
    Path project = dir.resolve("p");
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/two-takes.yaml"), project).get(0);
    Files.writeString(project.resolve("two-takes.lock.json"), "RIFF....WAVE");

    EngineRun run = EngineRun.of("run", pipeline.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
    String line = run.err().lines().filter(l -> l.startsWith("engine:")).findFirst().orElseThrow();
    assertThat(line.split("two-takes.lock.json", -1)).as(line).hasSizeLessThanOrEqualTo(3);
    assertThat(line)
        .contains("not valid JSON", "git checkout -- two-takes.lock.json", "or delete it");
  }

  /** The store entry with {@code takes} takes (the draft step's). */
  private static Path entryOf(Path project, int takes) throws Exception {
    try (Stream<Path> entries = Files.list(project.resolve(".acepipe/store/entries"))) {
      for (Path e : entries.toList()) {
        if (JSON.readTree(e.toFile()).path("takes").size() == takes) {
          return e;
        }
      }
    }
    throw new AssertionError("no entry with " + takes + " takes in " + List.of());
  }
}
