package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.client.FormatRequest;
import dev.acepipe.store.Lockfile;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockPolicyTest {
  private static final StepAction.Ask<FormatRequest> WORDS =
      StepAction.Ask.format(
          new FormatRequest("indie pop", "[Verse]\nla", null, 30.0, null, null, null, null));

  private static StepOutput answer() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("caption", "dreamy indie pop");
    fields.put("lyrics", "[Verse]\nla");
    fields.put("bpm", 115);
    fields.put("duration", 30.0);
    fields.put("key", null);
    return new StepOutput("words", List.of(), fields);
  }

  /** The lockfile a first run writes after {@code words} answered, read back from its text. */
  private static Lockfile pinnedLock() throws Exception {
    LockPolicy first = new LockPolicy(Lockfile.empty("p"), false, Set.of(), Map.of(), () -> true);
    first.record("words", WORDS, answer());
    String text = first.pinInto(Lockfile.empty("p")).toText();
    return Lockfile.parse(text.getBytes(StandardCharsets.UTF_8), "p.lock.json");
  }

  @Test
  void aPinnedAnswerIsReusedWithTheTypesTheLiveCallGaveIt() throws Exception {
    LockPolicy next = new LockPolicy(pinnedLock(), false, Set.of(), Map.of(), () -> true);

    StepOutput reused = next.reuse("words", WORDS).orElseThrow();

    assertThat(reused.fields()).isEqualTo(answer().fields());
    assertThat(reused.fields().get("bpm")).isInstanceOf(Integer.class);
    assertThat(reused.fields().get("duration")).isInstanceOf(Double.class);
    assertThat(next.pinned()).containsKey("words");
  }

  @Test
  void anEditARerollOrAForceAsksTheServerAgain() throws Exception {
    Lockfile lock = pinnedLock();
    StepAction.Ask<FormatRequest> edited =
        StepAction.Ask.format(
            new FormatRequest("indie rock", "[Verse]\nla", null, 30.0, null, null, null, null));

    assertThat(new LockPolicy(lock, false, Set.of(), Map.of(), () -> true).reuse("words", edited))
        .isEmpty();
    assertThat(
            new LockPolicy(lock, false, Set.of(), Map.of("words", 1), () -> true)
                .reuse("words", WORDS))
        .isEmpty();
    assertThat(
            new LockPolicy(lock, false, Set.of("words"), Map.of(), () -> true)
                .reuse("words", WORDS))
        .isEmpty();
  }

  @Test
  void lockedRefusesAnAnswerTheLockfileDoesNotPin() {
    LockPolicy locked = new LockPolicy(Lockfile.empty("p"), true, Set.of(), Map.of(), () -> true);

    assertThatThrownBy(() -> locked.reuse("idea", StepAction.Ask.random("simple_mode")))
        .isInstanceOf(LockMismatchException.class)
        .hasMessageContaining("pins no random answer for step 'idea'");
  }

  @Test
  void lockedComparesRenderedBytesOnlyWhereTheServerHonoursSeeds() {
    com.fasterxml.jackson.databind.node.ObjectNode request =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("kind", "generate");
    dev.acepipe.store.LockEntry entry =
        new dev.acepipe.store.LockEntry(
            new dev.acepipe.store.Rendering(
                dev.acepipe.store.Fingerprint.of(request, List.of()),
                request,
                List.of(),
                "m",
                null),
            0,
            List.of(7L),
            List.of(),
            List.of(new dev.acepipe.store.LockedTake(0, "a".repeat(64), 10, "flac")));
    Lockfile lock = Lockfile.empty("p").withStep("a", entry);
    List<String> other = List.of("b".repeat(64));

    LockPolicy seeded = new LockPolicy(lock, true, Set.of(), Map.of(), () -> true);
    LockPolicy unseeded = new LockPolicy(lock, true, Set.of(), Map.of(), () -> false);

    assertThatThrownBy(() -> seeded.checkTakes("a", other, true))
        .hasMessage(
            "--locked: step 'a' rendered different audio than the lockfile pins (take 0: sha256 bbbbbbbbbbbb…,"
                + " locked aaaaaaaaaaaa…)");
    unseeded.checkTakes("a", other, true);
    assertThatThrownBy(() -> unseeded.checkTakes("a", other, false))
        .hasMessageContaining("has stored different");
    seeded.checkTakes("a", List.of("a".repeat(64)), true);
  }

  @Test
  void importsAreNeverPinnedEvenUnderLocked() {
    LockPolicy policy = new LockPolicy(Lockfile.empty("p"), true, Set.of(), Map.of(), () -> true);

    assertThat(policy.reuse("in", new StepAction.Import(java.nio.file.Path.of("a.wav")))).isEmpty();
    assertThat(LockPolicy.isPinnable(StepAction.Ask.random("custom_mode"))).isTrue();
  }
}
