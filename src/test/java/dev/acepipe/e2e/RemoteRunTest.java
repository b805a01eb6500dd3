package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.Hashes;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.remote.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two "runners" (separate project folders, separate local stores) sharing one S3 bucket (S3Proxy,
 * in-process) and one embedded server started by the test, so the jobs each runner submits are
 * counted.
 */
@Timeout(240)
class RemoteRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "team-renders";
  private static final Set<String> ALL = Set.of("draft", "longer", "fixed", "unplugged", "side");

  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path third;
  @TempDir Path serverDir;
  private EmbeddedServer server;
  private S3Server s3;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults(serverDir).withWorkers(2));
    s3 = S3Server.start(BUCKET);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    s3.close();
  }

  private Path pipelineIn(Path project) throws IOException {
    return EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), project).get(0);
  }

  private EngineRun run(Path pipeline, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                pipeline.toString(),
                "--server",
                server.baseUrl(),
                "--remote",
                "s3://" + BUCKET + "/ci",
                "--remote-endpoint",
                s3.endpoint(),
                "--format",
                "json"));
    args.addAll(List.of(extra));
    return EngineRun.of(args.toArray(String[]::new));
  }

  @Test
  void aFreshRunnerWithOnlyTheYamlAndItsLockfileRendersNothing() throws Exception {
    Path a = pipelineIn(first);
    EngineRun rendered = run(a);
    long jobs = server.counters().acceptedTasks();
    // The second runner gets what a CI checkout has: the pipeline and its lockfile, no .acepipe/.
    Path b = pipelineIn(second);
    Files.copy(Lockfile.pathFor(a), Lockfile.pathFor(b));

    EngineRun locked = run(b, "--locked");

    assertThat(rendered.exitCode()).as(rendered.err()).isEqualTo(ExitCodes.OK);
    assertThat(rendered.err()).contains("pushed 5 entries, 5 objects");
    assertThat(locked.exitCode()).as(locked.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.counters().acceptedTasks()).isEqualTo(jobs);
    assertThat(states(locked))
        .containsOnlyKeys(ALL)
        .allSatisfy((id, state) -> assertThat(state).isEqualTo("cached"));
    assertThat(locked.err())
        .contains("pulled 5 entries, 5 objects")
        .doesNotContain(S3Server.CREDENTIAL);
    assertThat(outputs(second)).isEqualTo(outputs(first));
    assertThat(Files.readString(Lockfile.pathFor(b)))
        .isEqualTo(Files.readString(Lockfile.pathFor(a)));
  }

  @Test
  void planOnAFreshRunnerReadsThroughAndCallsEveryStepCached() throws Exception {
    Path a = pipelineIn(first);
    assertThat(run(a).exitCode()).isEqualTo(ExitCodes.OK);
    Path c = pipelineIn(third);
    Files.copy(Lockfile.pathFor(a), Lockfile.pathFor(c));

    EngineRun plan =
        EngineRun.of(
            "plan",
            c.toString(),
            "--remote",
            "s3://" + BUCKET + "/ci",
            "--remote-endpoint",
            s3.endpoint());

    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out()).contains("cache (chain.lock.json, 5 of 5 cached):");
  }

  @Test
  void theStoreBlockOfThePipelineConfiguresTheRemote() throws Exception {
    Path a = pipelineIn(first);
    addStoreBlock(a);
    EngineRun rendered = EngineRun.of("run", a.toString(), "--server", server.baseUrl());
    long jobs = server.counters().acceptedTasks();
    Path b = pipelineIn(second);
    addStoreBlock(b);

    EngineRun again = EngineRun.of("run", b.toString(), "--server", server.baseUrl());

    assertThat(rendered.exitCode()).as(rendered.err()).isEqualTo(ExitCodes.OK);
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.counters().acceptedTasks()).isEqualTo(jobs);
    assertThat(again.err())
        .contains(
            "remote s3://" + BUCKET + "/from-yaml at " + s3.endpoint() + ": pulled 5 entries");
  }

  @Test
  void aCorruptedRemoteObjectIsDetectedNeverUsedAndRenderedAgain() throws Exception {
    Path a = pipelineIn(first);
    assertThat(run(a).exitCode()).isEqualTo(ExitCodes.OK);
    String draftSha = lockTake(a, "draft");
    String key = "ci/objects/" + draftSha.substring(0, 2) + "/" + draftSha.substring(2);
    byte[] good = get(key);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x55;
    s3.overwrite(BUCKET, key, bad);
    long jobs = server.counters().acceptedTasks();
    Path b = pipelineIn(second);

    EngineRun again = run(b);

    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(again.err()).contains("take 0 failed verification").contains("not used");
    assertThat(states(again)).containsEntry("draft", "succeeded").containsEntry("side", "cached");
    assertThat(server.counters().acceptedTasks()).isEqualTo(jobs + 1);
    assertThat(outputs(second)).isEqualTo(outputs(first));
    // The damaged copy was replaced by the verified re-render.
    assertThat(Hashes.sha256Hex(get(key))).isEqualTo(draftSha);
  }

  @Test
  void theRemoteGoingAwayMidRunLeavesTheRunCorrect() throws Exception {
    Path a = pipelineIn(first);
    assertThat(run(a).exitCode()).isEqualTo(ExitCodes.OK);
    long jobs = server.counters().acceptedTasks();
    Path b = pipelineIn(second);
    // The second runner changed one step: it renders that one, and the remote dies once that render
    // started.
    Files.writeString(
        b,
        Files.readString(b).replace("prompt: ambient drone", "prompt: ambient drone, tape hiss"));
    CompletableFuture<Void> killer =
        CompletableFuture.runAsync(
            () -> {
              long until = System.nanoTime() + 120_000_000_000L;
              while (server.counters().acceptedTasks() == jobs && System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              try {
                s3.stop();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    EngineRun again = run(b);
    killer.join();

    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    assertThat(
            again
                .err()
                .lines()
                .filter(l -> l.contains("continuing with the local store only"))
                .count())
        .isEqualTo(1);
    assertThat(states(again)).containsEntry("side", "succeeded");
    assertThat(outputs(second).keySet())
        .containsExactlyInAnyOrder("fixed.wav", "unplugged.wav", "side.wav");
    assertThat(outputs(second).get("fixed.wav")).isEqualTo(outputs(first).get("fixed.wav"));
    // What the run kept locally is whole: a run without the remote renders nothing.
    long after = server.counters().acceptedTasks();
    EngineRun local =
        EngineRun.of(
            "run", b.toString(), "--server", server.baseUrl(), "--locked", "--format", "json");
    assertThat(local.exitCode()).as(local.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.counters().acceptedTasks()).isEqualTo(after);
  }

  @Test
  void twoRunnersRenderingTheSameFingerprintsAtOnceBothSucceedAndLeaveOneObjectPerTake()
      throws Exception {
    Path a = pipelineIn(first);
    Path b = pipelineIn(second);

    CompletableFuture<EngineRun> one = CompletableFuture.supplyAsync(() -> run(a));
    CompletableFuture<EngineRun> two = CompletableFuture.supplyAsync(() -> run(b));

    assertThat(one.get().exitCode()).as(one.get().err()).isEqualTo(ExitCodes.OK);
    assertThat(two.get().exitCode()).as(two.get().err()).isEqualTo(ExitCodes.OK);
    Set<String> takes = new TreeSet<>();
    Lockfile.read(Lockfile.pathFor(a))
        .orElseThrow()
        .steps()
        .values()
        .forEach(e -> e.takes().forEach(t -> takes.add(t.sha256())));
    List<S3Object> objects = list("ci/objects/");
    assertThat(objects).hasSize(takes.size());
    for (S3Object o : objects) {
      String sha = o.key().substring("ci/objects/".length()).replace("/", "");
      assertThat(Hashes.sha256Hex(get(o.key()))).isEqualTo(sha);
    }
    assertThat(list("ci/entries/")).hasSize(ALL.size());
    assertThat(outputs(second)).isEqualTo(outputs(first));
  }

  @Test
  void anUnreachableRemoteIsOneWarningAndTheRunGoesOnLocally() throws Exception {
    s3.stop();
    Path a = pipelineIn(first);

    EngineRun r = run(a);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err().lines().filter(l -> l.startsWith("remote ")).toList())
        .singleElement()
        .asString()
        .isEqualTo(
            "remote s3://"
                + BUCKET
                + "/ci at "
                + s3.endpoint()
                + ": unreachable (connection refused); continuing with the local store only");
    assertThat(states(r)).containsOnlyKeys(ALL);
  }

  @Test
  void withRemoteRequiredAnUnusableRemoteExits4BeforeAnyJob() throws Exception {
    Path a = pipelineIn(first);
    EngineRun r =
        EngineRun.of(
            "run",
            a.toString(),
            "--server",
            server.baseUrl(),
            "--remote",
            "s3://no-such-bucket",
            "--remote-endpoint",
            s3.endpoint(),
            "--remote-required");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.SERVER);
    assertThat(r.err())
        .contains("bucket 'no-such-bucket' does not exist (--remote-required)")
        .doesNotContain("(run with -x");
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  private void addStoreBlock(Path pipeline) throws IOException {
    Files.writeString(
        pipeline,
        Files.readString(pipeline)
            .replace(
                "seed: 5\n",
                "seed: 5\nstore:\n  remote: s3://"
                    + BUCKET
                    + "/from-yaml\n  endpoint: "
                    + s3.endpoint()
                    + "\n"));
  }

  private static String lockTake(Path pipeline, String step) throws IOException {
    return Lockfile.read(Lockfile.pathFor(pipeline))
        .orElseThrow()
        .step(step)
        .orElseThrow()
        .takes()
        .get(0)
        .sha256();
  }

  private byte[] get(String key) {
    try (S3Client c = s3.client()) {
      ResponseBytes<GetObjectResponse> bytes = c.getObjectAsBytes(r -> r.bucket(BUCKET).key(key));
      return bytes.asByteArray();
    }
  }

  private List<S3Object> list(String prefix) {
    try (S3Client c = s3.client()) {
      return c.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
          .toList();
    }
  }

  private static Map<String, String> states(EngineRun run) throws IOException {
    JsonNode manifest =
        JSON.readTree(Path.of(JSON.readTree(run.out()).path("manifest").asText()).toFile());
    Map<String, String> out = new LinkedHashMap<>();
    manifest.path("steps").forEach(s -> out.put(s.path("id").asText(), s.path("state").asText()));
    return out;
  }

  private static Map<String, String> outputs(Path project) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (var files = Files.list(project.resolve("out"))) {
      for (Path f : files.toList()) {
        out.put(f.getFileName().toString(), Hashes.sha256Hex(f));
      }
    }
    return out;
  }
}
