package dev.acepipe.store;

import static dev.acepipe.store.StoreFixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final String SERVER = "http://gpu-1:8001";
  private static final Fingerprint DRAFT = new Fingerprint("v1", "a".repeat(64));
  private static final Fingerprint LONGER = new Fingerprint("v1", "b".repeat(64));

  @TempDir Path project;

  private Path file() {
    return Journal.pathFor(project, "night drive");
  }

  @Test
  void journalLivesUnderDotAcepipeNamedAfterThePipeline() {
    assertThat(file()).isEqualTo(project.resolve(".acepipe/journal/night_drive.jsonl"));
  }

  @Test
  void submittedTasksWithoutACompletionAreReattachedByTheNextRun() throws Exception {
    try (Journal first = Journal.open(file(), CLOCK, "run-1")) {
      first.submitted("draft", DRAFT, "task-1", SERVER, 1);
      first.submitted("longer", LONGER, "task-2", SERVER, 1);
      first.finished("task-1", Journal.Outcome.SUCCEEDED);
    }

    try (Journal second = Journal.open(file(), CLOCK, "run-2")) {
      assertThat(second.pending()).containsOnlyKeys(LONGER);
      assertThat(second.reattach(LONGER, SERVER))
          .get()
          .extracting(PendingTask::taskId, PendingTask::runId, PendingTask::stepId)
          .containsExactly("task-2", "run-1", "longer");
      assertThat(second.reattach(DRAFT, SERVER)).isEmpty();
      assertThat(second.reattach(LONGER, "http://other:8001")).isEmpty();
    }
  }

  @Test
  void eachSubmissionIsOnDiskBeforeTheCallReturns() throws Exception {
    try (Journal journal = Journal.open(file(), CLOCK, "run-1")) {
      journal.submitted("draft", DRAFT, "task-1", SERVER, 1);

      assertThat(Files.readString(file()))
          .isEqualTo(
              "{\"attempt\":1,\"event\":\"submitted\",\"fingerprint\":\""
                  + DRAFT
                  + "\",\"run\":\"run-1\",\"server\":\"http://gpu-1:8001\",\"step\":\"draft\",\"task_id\":\"task-1\","
                  + "\"time\":\"2026-11-25T12:00:00Z\"}\n");
    }
  }

  @Test
  void aTornLastLineFromAKillIsSkippedAndTheFileEndsOnALineBoundaryAgain() throws Exception {
    try (Journal first = Journal.open(file(), CLOCK, "run-1")) {
      first.submitted("draft", DRAFT, "task-1", SERVER, 1);
    }
    Files.writeString(
        file(),
        "{\"attempt\":1,\"event\":\"subm",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    try (Journal second = Journal.open(file(), CLOCK, "run-2")) {
      second.submitted("longer", LONGER, "task-2", SERVER, 1);

      assertThat(second.skippedLines()).isEqualTo(1);
      assertThat(second.pending()).containsOnlyKeys(DRAFT, LONGER);
    }
    try (Journal third = Journal.open(file(), CLOCK, "run-3")) {
      assertThat(third.skippedLines()).isZero();
      assertThat(third.pending()).containsOnlyKeys(DRAFT, LONGER);
    }
  }

  @Test
  void openCompactsAwayFinishedTasks() throws Exception {
    try (Journal first = Journal.open(file(), CLOCK, "run-1")) {
      first.submitted("draft", DRAFT, "task-1", SERVER, 1);
      first.finished("task-1", Journal.Outcome.LOST);
      first.submitted("draft", DRAFT, "task-3", SERVER, 2);
    }

    try (Journal second = Journal.open(file(), CLOCK, "run-2")) {
      assertThat(Files.readAllLines(file()))
          .singleElement()
          .asString()
          .contains("\"task_id\":\"task-3\"");
      assertThat(second.pending().get(DRAFT)).extracting(PendingTask::attempt).containsExactly(2);
    }
  }

  @Test
  void aSecondOpenWhileTheFirstIsRunningIsRefused() throws Exception {
    try (Journal first = Journal.open(file(), CLOCK, "run-1")) {
      assertThatThrownBy(() -> Journal.open(file(), CLOCK, "run-2"))
          .isInstanceOf(JournalLockedException.class)
          .hasMessageContaining("another engine run");
    }
  }

  @Test
  void serverUrlsLoseCredentialsAndQueryBeforeTheyAreWritten() throws Exception {
    try (Journal journal = Journal.open(file(), CLOCK, "run-1")) {
      journal.submitted(
          "draft", DRAFT, "task-1", "https://user:s3cret@gpu-1:8001/api?key=s3cret", 1);
    }

    assertThat(Files.readString(file()))
        .doesNotContain("s3cret")
        .contains("\"server\":\"https://gpu-1:8001/api\"");
  }
}
