package dev.acepipe.store;

import static dev.acepipe.store.StoreFixtures.entry;
import static dev.acepipe.store.StoreFixtures.generate;
import static dev.acepipe.store.StoreFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleExplainerTest {
  private static final String DRAFT0 = "d".repeat(64);

  private static LockEntry locked(ObjectNode request, List<StepInput> inputs) {
    return LockEntry.of(entry(request, inputs, "1".repeat(64)), 0, List.of());
  }

  @Test
  void anUnchangedStoredStepIsCached() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());

    Staleness s = StaleExplainer.explain(prev, generate("synthwave", 120, 7), List.of(), true);

    assertThat(s).isEqualTo(new Staleness(Staleness.Status.CACHED, "cached", true));
    assertThat(s.line()).isEqualTo("cached");
  }

  @Test
  void aStepWithoutALockBlockIsNew() {
    Staleness s = StaleExplainer.explain(null, generate("synthwave", 120, 7), List.of(), false);

    assertThat(s.line()).isEqualTo("will render: new step");
    assertThat(s.matchesLock()).isFalse();
  }

  @Test
  void aChangedPromptIsNamedWithoutItsLongText() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());

    Staleness s = StaleExplainer.explain(prev, generate("darkwave", 120, 7), List.of(), false);

    assertThat(s.line()).isEqualTo("stale: prompt changed");
  }

  @Test
  void aChangedNumberShowsOldAndNewValueUnderItsDslName() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());

    Staleness s = StaleExplainer.explain(prev, generate("synthwave", 60, 7), List.of(), false);

    assertThat(s.reason()).isEqualTo("duration changed (120 → 60)");
  }

  @Test
  void aChangedSeedAndModelAreNamed() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());
    ObjectNode now = generate("synthwave", 120, 8).put("model", "acestep-v15-base");

    Staleness s = StaleExplainer.explain(prev, now, List.of(), false);

    assertThat(s.reason())
        .isEqualTo("model changed (acestep-v15-turbo → acestep-v15-base), seed changed (7 → 8)");
  }

  @Test
  void aChangedInputTakeIsNamedByItsReference() {
    ObjectNode repaint = request("{\"kind\":\"repaint\",\"seed\":9,\"model\":\"m\"}");
    LockEntry prev = locked(repaint, List.of(new StepInput("draft#0", DRAFT0)));

    Staleness s =
        StaleExplainer.explain(
            prev, repaint, List.of(new StepInput("draft#0", "e".repeat(64))), false);

    assertThat(s.line()).isEqualTo("stale: input take draft#0 changed");
  }

  @Test
  void anInputWhoseUpstreamReRendersMakesTheStepStaleBeforeItsHashIsKnown() {
    ObjectNode repaint = request("{\"kind\":\"repaint\",\"seed\":9,\"model\":\"m\"}");
    LockEntry prev = locked(repaint, List.of(new StepInput("draft#0", DRAFT0)));

    Staleness s =
        StaleExplainer.explain(prev, repaint, List.of(StepInput.pending("draft#0")), false);

    assertThat(s.line()).isEqualTo("stale: input take draft#0 will re-render");
  }

  @Test
  void manyChangesAreCappedToOneLine() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());
    ObjectNode now = generate("darkwave", 60, 8).put("bpm", 90).put("model", "x");

    Staleness s = StaleExplainer.explain(prev, now, List.of(), false);

    assertThat(s.reason())
        .isEqualTo(
            "duration changed (120 → 60), bpm changed (100 → 90), model changed "
                + "(acestep-v15-turbo → x) and 2 more");
  }

  @Test
  void anUnchangedStepWhoseOutputsLeftTheStoreRendersAgain() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());

    Staleness s = StaleExplainer.explain(prev, generate("synthwave", 120, 7), List.of(), false);

    assertThat(s)
        .isEqualTo(
            new Staleness(Staleness.Status.WILL_RENDER, "outputs missing from the store", true));
  }

  @Test
  void aRevertedEditIsCachedButTheLockfileStillDiffers() {
    LockEntry prev = locked(generate("darkwave", 120, 7), List.of());

    Staleness s = StaleExplainer.explain(prev, generate("synthwave", 120, 7), List.of(), true);

    assertThat(s.status()).isEqualTo(Staleness.Status.CACHED);
    assertThat(s.line()).isEqualTo("cached (lockfile differs: prompt changed)");
    assertThat(s.matchesLock()).isFalse();
  }

  @Test
  void addedAndRemovedParametersAreNamed() {
    LockEntry prev = locked(generate("synthwave", 120, 7), List.of());
    ObjectNode now = generate("synthwave", 120, 7).put("key_scale", "A minor");
    now.remove("bpm");

    Staleness s = StaleExplainer.explain(prev, now, List.of(), false);

    assertThat(s.reason()).isEqualTo("bpm removed, key added");
  }

  @Test
  void theStoreIsAskedForTheNewFingerprint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ArtifactStore store = new ArtifactStore(dir, StoreFixtures.CLOCK);
    ObjectNode req = generate("synthwave", 120, 7);
    store.putEntry(
        entry(req, List.of(), store.put(new java.io.ByteArrayInputStream(new byte[] {1}))));

    Staleness s = StaleExplainer.explain(null, req, List.of(), store);

    assertThat(s.status()).isEqualTo(Staleness.Status.CACHED);
  }
}
