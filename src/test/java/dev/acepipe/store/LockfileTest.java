package dev.acepipe.store;

import static dev.acepipe.store.StoreFixtures.entry;
import static dev.acepipe.store.StoreFixtures.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileTest {
  @TempDir Path dir;

  private static Lockfile sample() {
    StoreEntry draft =
        entry(generate("synthwave", 120, 7), List.of(), "1".repeat(64), "2".repeat(64));
    StoreEntry longer =
        entry(
            StoreFixtures.request(
                "{\"kind\":\"repaint\",\"seed\":9,\"model\":\"acestep-v15-turbo\"}"),
            List.of(new StepInput("draft#0", "1".repeat(64))),
            "3".repeat(64));
    TreeMap<String, Integer> selected = new TreeMap<>();
    selected.put("draft", 1);
    return Lockfile.empty("night-drive")
        .withStep("longer", LockEntry.of(longer, 0, List.of(1000L)))
        .withStep("draft", LockEntry.of(draft, 2, List.of(1000L, 1001L)))
        .withSelected(selected);
  }

  @Test
  void lockfileIsNamedAfterThePipelineBesideIt() {
    assertThat(Lockfile.pathFor(dir.resolve("songs/night-drive.yaml")))
        .isEqualTo(dir.resolve("songs/night-drive.lock.json"));
  }

  @Test
  void writtenTextIsSortedIndentedByTwoAndEndsWithANewline() throws Exception {
    Path path = dir.resolve("night-drive.lock.json");

    sample().write(path);

    String text = Files.readString(path);
    assertThat(text)
        .startsWith(
            "{\n  \"fingerprint_scheme\": \"v1\",\n  \"lockfile_version\": 1,\n"
                + "  \"pipeline\": \"night-drive\",\n  \"selected\": {\n    \"draft\": 1\n  },\n  \"steps\": {\n    \"draft\": {\n")
        .endsWith("}\n")
        .doesNotEndWith("\n\n");
    assertThat(text.indexOf("\"draft\": {")).isLessThan(text.indexOf("\"longer\": {"));
    assertThat(text).contains("\"seeds_reported\": [\n        1000,\n        1001\n      ]");
    assertThat(text).contains("\"duration_seconds\": 120,");
  }

  @Test
  void readingAndWritingAgainGivesTheSameBytes() throws Exception {
    Path path = dir.resolve("night-drive.lock.json");
    sample().write(path);
    byte[] first = Files.readAllBytes(path);

    Lockfile read = Lockfile.read(path).orElseThrow();
    read.write(path);

    assertThat(read).isEqualTo(sample());
    assertThat(Files.readAllBytes(path)).isEqualTo(first);
  }

  @Test
  void aMissingLockfileReadsAsEmpty() throws Exception {
    assertThat(Lockfile.read(dir.resolve("none.lock.json"))).isEmpty();
  }

  @Test
  void aDamagedLockfileNamesTheFileAndTheField() throws Exception {
    Path path = dir.resolve("bad.lock.json");
    String text = sample().toText().replace("\"reroll\": 2", "\"reroll\": \"two\"");
    Files.writeString(path, text);

    assertThatThrownBy(() -> Lockfile.read(path))
        .isInstanceOf(StoreFormatException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContaining("steps.draft")
        .hasMessageContaining("'reroll' must be an integer");
  }

  @Test
  void aNewerLockfileVersionIsRefused() {
    byte[] text =
        sample()
            .toText()
            .replace("\"lockfile_version\": 1", "\"lockfile_version\": 9")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Lockfile.parse(text, "x.lock.json"))
        .hasMessageContaining("lockfile_version 9");
  }

  @Test
  void retainStepsDropsBlocksOfRemovedSteps() {
    Lockfile kept = sample().retainSteps(Set.of("longer"));

    assertThat(kept.steps()).containsOnlyKeys("longer");
    assertThat(kept.selected()).isEmpty();
  }

  @Test
  void reportedSeedsDefaultToWhatEachTakeReported() {
    StoreEntry draft =
        entry(generate("synthwave", 120, 7), List.of(), "1".repeat(64), "2".repeat(64));

    assertThat(LockEntry.of(draft, 0).seedsReported()).containsExactly(1000L, 1001L);
  }

  @Test
  void lockBlocksRecordSeedsModelServerVersionAndTakes() {
    LockEntry draft = sample().step("draft").orElseThrow();

    assertThat(draft.seedsSent()).containsExactly(7L);
    assertThat(draft.seedsReported()).containsExactly(1000L, 1001L);
    assertThat(draft.reroll()).isEqualTo(2);
    assertThat(draft.model()).isEqualTo("acestep-v15-turbo");
    assertThat(draft.serverVersion()).isEqualTo("1.0");
    assertThat(draft.takes())
        .extracting(LockedTake::sha256)
        .containsExactly("1".repeat(64), "2".repeat(64));
  }
}
