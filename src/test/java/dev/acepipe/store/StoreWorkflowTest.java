package dev.acepipe.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The building blocks composed the way the executor will compose them, on a small graph (words →
 * draft → longer → fixed, and draft → unplugged) with a fake renderer whose output depends only on
 * the fingerprint, as the embedded server's does.
 */
class StoreWorkflowTest {
  /** Step → its parents, in topological order. */
  private static final Map<String, List<String>> GRAPH = new LinkedHashMap<>();

  static {
    GRAPH.put("words", List.of());
    GRAPH.put("draft", List.of("words"));
    GRAPH.put("longer", List.of("draft"));
    GRAPH.put("fixed", List.of("longer"));
    GRAPH.put("unplugged", List.of("draft"));
  }

  @TempDir Path project;
  private final Map<String, String> prompts = new LinkedHashMap<>();

  private ObjectNode request(String step) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", step.equals("words") ? "generate" : "repaint");
    r.put("prompt", prompts.getOrDefault(step, "synthwave " + step));
    r.put("audio_duration", 60);
    r.put("model", "acestep-v15-turbo");
    r.put("seed", Seeds.derive(20261125L, step, 0));
    return r;
  }

  private static List<StepInput> inputs(
      String step, Map<String, String> take0, Map<String, Boolean> pending) {
    List<StepInput> in = new ArrayList<>();
    for (String parent : GRAPH.get(step)) {
      in.add(
          pending.getOrDefault(parent, false)
              ? StepInput.pending(parent + "#0")
              : new StepInput(parent + "#0", take0.get(parent)));
    }
    return in;
  }

  /** engine plan: one line per step. */
  private Map<String, String> plan(ArtifactStore store, Lockfile lock) {
    Map<String, String> lines = new LinkedHashMap<>();
    Map<String, String> take0 = new LinkedHashMap<>();
    Map<String, Boolean> pending = new LinkedHashMap<>();
    for (String step : GRAPH.keySet()) {
      List<StepInput> in = inputs(step, take0, pending);
      Staleness s = StaleExplainer.explain(lock.step(step).orElse(null), request(step), in, store);
      lines.put(step, s.line());
      pending.put(step, s.status() != Staleness.Status.CACHED);
      if (!pending.get(step)) {
        take0.put(
            step,
            lock.step(step)
                .map(e -> e.takes().get(0).sha256())
                .orElseGet(() -> storedTake0(store, step, in)));
      }
    }
    return lines;
  }

  private String storedTake0(ArtifactStore store, String step, List<StepInput> in) {
    try {
      return store.entry(Fingerprint.of(request(step), in)).orElseThrow().takes().get(0).sha256();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** engine run: returns the steps that were rendered (submitted). */
  private List<String> run(ArtifactStore store, Path lockPath) throws Exception {
    Lockfile lock = Lockfile.read(lockPath).orElse(Lockfile.empty("night-drive"));
    List<String> rendered = new ArrayList<>();
    Map<String, String> take0 = new LinkedHashMap<>();
    for (String step : GRAPH.keySet()) {
      ObjectNode req = request(step);
      List<StepInput> in = inputs(step, take0, Map.of());
      Fingerprint fp = Fingerprint.of(req, in);
      StoreEntry entry;
      if (store.lookup(fp) instanceof CacheLookup.Hit hit) {
        entry = hit.entry();
      } else {
        rendered.add(step);
        byte[] audio = ("audio of " + fp).getBytes(StandardCharsets.UTF_8);
        String sha = store.put(new ByteArrayInputStream(audio));
        entry =
            new StoreEntry(
                step,
                new Rendering(fp, req, in, "acestep-v15-turbo", "1.0"),
                List.of(
                    new StoredTake(
                        0,
                        sha,
                        audio.length,
                        60,
                        "flac",
                        null,
                        req.get("seed").longValue(),
                        null,
                        null,
                        null)),
                StoreFixtures.CLOCK.instant());
        store.putEntry(entry);
      }
      take0.put(step, entry.takes().get(0).sha256());
      lock = lock.withStep(step, LockEntry.of(entry, 0));
    }
    lock.retainSteps(GRAPH.keySet()).write(lockPath);
    return rendered;
  }

  @Test
  void anUnchangedSecondRunRendersNothingAndRewritesTheSameLockfile() throws Exception {
    ArtifactStore store = ArtifactStore.forProject(project);
    Path lockPath = project.resolve("night-drive.lock.json");
    assertThat(run(store, lockPath)).containsExactlyElementsOf(GRAPH.keySet());
    byte[] firstLock = Files.readAllBytes(lockPath);

    List<String> rendered = run(store, lockPath);

    assertThat(rendered).isEmpty();
    assertThat(Files.readAllBytes(lockPath)).isEqualTo(firstLock);
    assertThat(plan(store, Lockfile.read(lockPath).orElseThrow()).values()).containsOnly("cached");
  }

  @Test
  void changingOnePromptReRendersExactlyThatStepAndItsDescendants() throws Exception {
    ArtifactStore store = ArtifactStore.forProject(project);
    Path lockPath = project.resolve("night-drive.lock.json");
    run(store, lockPath);
    prompts.put("longer", "darkwave longer");

    Map<String, String> planned = plan(store, Lockfile.read(lockPath).orElseThrow());
    List<String> rendered = run(store, lockPath);

    assertThat(planned)
        .containsExactly(
            Map.entry("words", "cached"),
            Map.entry("draft", "cached"),
            Map.entry("longer", "stale: prompt changed"),
            Map.entry("fixed", "stale: input take longer#0 will re-render"),
            Map.entry("unplugged", "cached"));
    assertThat(rendered).containsExactly("longer", "fixed");
  }

  @Test
  void revertingTheEditIsServedFromTheStoreWithoutRendering() throws Exception {
    ArtifactStore store = ArtifactStore.forProject(project);
    Path lockPath = project.resolve("night-drive.lock.json");
    run(store, lockPath);
    prompts.put("longer", "darkwave longer");
    run(store, lockPath);
    prompts.remove("longer");

    Map<String, String> planned = plan(store, Lockfile.read(lockPath).orElseThrow());
    List<String> rendered = run(store, lockPath);

    assertThat(planned.get("longer")).isEqualTo("cached (lockfile differs: prompt changed)");
    assertThat(rendered).isEmpty();
  }
}
