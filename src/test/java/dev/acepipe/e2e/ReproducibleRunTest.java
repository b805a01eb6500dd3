package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache, the lockfile and the render flags of {@code engine run}, end to end against an
 * embedded server started by the test (so its {@code /release_task} count is visible) and passed
 * with {@code --server}.
 */
@Timeout(180)
class ReproducibleRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ALL = Set.of("draft", "longer", "fixed", "unplugged", "side");

  @TempDir Path project;
  @TempDir Path serverDir;
  private EmbeddedServer server;
  private Path pipeline;

  @BeforeEach
  void startServer() throws IOException {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults(serverDir).withWorkers(2));
    pipeline = EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), project).get(0);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void aSecondRunSubmitsNothingAndWritesByteIdenticalOutputs() throws Exception {
    EngineRun first = run();
    Map<String, byte[]> outputs = outputs();
    long submitted = server.counters().acceptedTasks();

    EngineRun second = run();

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(submitted).isEqualTo(ALL.size());
    assertThat(server.counters().acceptedTasks()).isEqualTo(submitted);
    assertThat(states(second))
        .containsOnlyKeys(ALL)
        .allSatisfy((id, state) -> assertThat(state).isEqualTo("cached"));
    Map<String, byte[]> again = outputs();
    assertThat(again.keySet()).isEqualTo(outputs.keySet());
    again.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(outputs.get(name)));
  }

  @Test
  void aFullyCachedRunWithoutServerNeverStartsTheEmbeddedOne() {
    EngineRun first = EngineRun.of("run", pipeline.toString());

    EngineRun second = EngineRun.of("run", pipeline.toString());

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(second.out()).contains("0 requests to embedded (not started)").contains("= draft");
  }

  @Test
  void everyOutputFileCarriesItsRecipeAndTheLockfilePinsIt() throws Exception {
    run();

    Lineage lineage = LineageTags.read(project.resolve("out/fixed.wav")).orElseThrow();
    JsonNode lock = JSON.readTree(project.resolve("chain.lock.json").toFile());

    assertThat(lineage.pipeline()).isEqualTo("chain");
    assertThat(lineage.step()).isEqualTo("fixed");
    assertThat(lineage.fingerprint())
        .isEqualTo(lock.path("steps").path("fixed").path("fingerprint").asText());
    assertThat(lineage.seed())
        .isEqualTo(lock.path("steps").path("fixed").path("request").path("seed").asLong());
    assertThat(lock.path("steps").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrderElementsOf(ALL);
    assertThat(lock.path("steps").path("fixed").path("server_version").isTextual()).isTrue();
    assertThat(Files.readString(project.resolve("chain.lock.json")))
        .doesNotContain("-1,", "api_key");
  }

  @Test
  void editingOnePromptRendersExactlyThatStepAndItsDescendants() throws Exception {
    run();
    edit("prompt: synthwave, analog pads", "prompt: synthwave, analog pads, gated drums");

    EngineRun second = run();

    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(rendered(second)).containsExactlyInAnyOrder("draft", "longer", "fixed", "unplugged");
    assertThat(states(second)).containsEntry("side", "cached");
    assertThat(server.counters().acceptedTasks()).isEqualTo(ALL.size() + 4L);
  }

  @Test
  void aStepWhoseSourceCameFromTheCacheUploadsItToAFreshServer() throws Exception {
    run();
    server.close();
    // The fresh server never saw draft's take: longer must upload the copy exported from the store.
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(serverDir.resolve("fresh")).withWorkers(2));
    edit("seconds: 5", "seconds: 6");

    EngineRun second = run();

    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
    assertThat(states(second)).containsEntry("draft", "cached").containsEntry("side", "cached");
    assertThat(rendered(second)).containsExactlyInAnyOrder("longer", "fixed", "unplugged");
    assertThat(server.counters().acceptedTasks()).isEqualTo(3);
  }

  @Test
  void lockedPassesOnAnUnchangedPipelineAndNamesTheStepAfterAnEdit() throws Exception {
    run();
    long submitted = server.counters().acceptedTasks();

    EngineRun unchanged = run("--locked");
    edit("prompt: ambient drone", "prompt: ambient drone, tape hiss");
    EngineRun edited = run("--locked");

    assertThat(unchanged.exitCode()).as(unchanged.err()).isEqualTo(ExitCodes.OK);
    assertThat(edited.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(edited.err())
        .contains("side: stale: prompt changed")
        .doesNotContain("draft:", "fixed:");
    assertThat(server.counters().acceptedTasks()).isEqualTo(submitted);
  }

  @Test
  void planMarksEveryStepCachedOrStaleWithAOneLineReason() throws Exception {
    run();
    edit("seconds: 5", "seconds: 6");

    EngineRun plan = EngineRun.of("plan", pipeline.toString());

    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out())
        .contains("cache (chain.lock.json, 2 of 5 cached):")
        .containsPattern("draft +cached")
        .containsPattern("longer +stale: seconds changed \\(5 → 6\\)")
        .containsPattern("fixed +stale: input take longer#0 will re-render")
        .containsPattern("side +cached");
  }

  @Test
  void planAndLockedFollowASelectStepThroughTheStore() throws Exception {
    Path select = EngineRun.copyInto(Path.of("src/test/resources/e2e/select.yaml"), project).get(0);
    EngineRun first = EngineRun.of("run", select.toString(), "--server", server.baseUrl());
    long submitted = server.counters().acceptedTasks();

    EngineRun plan = EngineRun.of("plan", select.toString());
    EngineRun locked =
        EngineRun.of("run", select.toString(), "--server", server.baseUrl(), "--locked");

    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out())
        .contains("cache (select.lock.json, 3 of 3 cached):")
        .containsPattern("remix +cached");
    assertThat(locked.exitCode()).as(locked.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.counters().acceptedTasks()).isEqualTo(submitted);
  }

  @Test
  void forceRendersEverythingAgain() throws Exception {
    run();

    EngineRun forced = run("--force");

    assertThat(forced.exitCode()).as(forced.err()).isEqualTo(ExitCodes.OK);
    assertThat(rendered(forced)).containsExactlyInAnyOrderElementsOf(ALL);
    assertThat(server.counters().acceptedTasks()).isEqualTo(2L * ALL.size());
  }

  @Test
  void fromRendersTheStepAndItsDescendantsOnly() throws Exception {
    run();

    EngineRun from = run("--from", "longer");

    assertThat(from.exitCode()).as(from.err()).isEqualTo(ExitCodes.OK);
    assertThat(rendered(from)).containsExactlyInAnyOrder("longer", "fixed", "unplugged");
  }

  @Test
  void rerollDrawsANewRecordedSeedAndTheNextRunIsCachedAgain() throws Exception {
    run();
    long oldSeed = lockedSeed("side");

    EngineRun rerolled = run("--reroll", "side");
    long submitted = server.counters().acceptedTasks();
    EngineRun after = run();

    assertThat(rerolled.exitCode()).as(rerolled.err()).isEqualTo(ExitCodes.OK);
    assertThat(rendered(rerolled)).containsExactly("side");
    assertThat(lockedSeed("side")).isNotEqualTo(oldSeed);
    JsonNode lock = JSON.readTree(project.resolve("chain.lock.json").toFile());
    assertThat(lock.path("steps").path("side").path("reroll").asInt()).isEqualTo(1);
    assertThat(rendered(after)).isEmpty();
    assertThat(server.counters().acceptedTasks()).isEqualTo(submitted);
  }

  @Test
  void aCorruptStoredTakeIsReportedAndRenderedAgain() throws Exception {
    run();
    JsonNode lock = JSON.readTree(project.resolve("chain.lock.json").toFile());
    String sha = lock.path("steps").path("side").path("takes").get(0).path("sha256").asText();
    Path object =
        project
            .resolve(".acepipe/store/objects")
            .resolve(sha.substring(0, 2))
            .resolve(sha.substring(2));
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(object, bytes);

    EngineRun again = run();

    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(again.err()).contains("step 'side'").contains("corrupt");
    assertThat(rendered(again)).containsExactly("side");
  }

  // ---- helpers
  // ---------------------------------------------------------------------------------------------

  private EngineRun run(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = pipeline.toString();
    args[2] = "--server";
    args[3] = server.baseUrl();
    System.arraycopy(extra, 0, args, 4, extra.length);
    String[] withJson = java.util.Arrays.copyOf(args, args.length + 2);
    withJson[args.length] = "--format";
    withJson[args.length + 1] = "json";
    return EngineRun.of(withJson);
  }

  private void edit(String from, String to) throws IOException {
    String text = Files.readString(pipeline);
    assertThat(text).contains(from);
    Files.writeString(pipeline, text.replace(from, to));
  }

  /** Step id → state from the run's manifest. */
  private static Map<String, String> states(EngineRun run) throws IOException {
    JsonNode manifest =
        JSON.readTree(Path.of(JSON.readTree(run.out()).path("manifest").asText()).toFile());
    Map<String, String> out = new LinkedHashMap<>();
    manifest.path("steps").forEach(s -> out.put(s.path("id").asText(), s.path("state").asText()));
    return out;
  }

  private static Set<String> rendered(EngineRun run) throws IOException {
    Set<String> out = new TreeSet<>();
    states(run)
        .forEach(
            (id, state) -> {
              if (state.equals("succeeded")) {
                out.add(id);
              }
            });
    return out;
  }

  private long lockedSeed(String step) throws IOException {
    return JSON.readTree(project.resolve("chain.lock.json").toFile())
        .path("steps")
        .path(step)
        .path("request")
        .path("seed")
        .asLong();
  }

  private Map<String, byte[]> outputs() throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (var files = Files.list(project.resolve("out"))) {
      for (Path f : files.toList()) {
        out.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }
}
