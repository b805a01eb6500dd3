package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.remote.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine store push|pull|status|gc} against S3Proxy and an embedded server started by the
 * test.
 */
@Timeout(180)
class StoreCommandsTest {
  private static final String BUCKET = "shared-store";

  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path serverDir;
  private EmbeddedServer server;
  private S3Server s3;
  private String remote;

  @BeforeEach
  void start() throws Exception {
    server = EmbeddedServer.start(EmbeddedServerConfig.defaults(serverDir).withWorkers(2));
    s3 = S3Server.start(BUCKET);
    remote = "s3://" + BUCKET + "/p";
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    s3.close();
  }

  private Path pipelineIn(Path project) throws IOException {
    return EngineRun.copyInto(Path.of("src/test/resources/e2e/chain.yaml"), project).get(0);
  }

  private EngineRun store(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "store";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--remote";
    all[args.length + 2] = remote;
    all[args.length + 3] = "--remote-endpoint";
    all[args.length + 4] = s3.endpoint();
    return EngineRun.of(all);
  }

  @Test
  void whatOneMachinePushedAnotherPullsAndThenRunsLockedWithoutAnyJob() throws Exception {
    Path a = pipelineIn(first);
    assertThat(EngineRun.of("run", a.toString(), "--server", server.baseUrl()).exitCode())
        .isEqualTo(ExitCodes.OK);
    Path b = pipelineIn(second);
    Files.copy(Lockfile.pathFor(a), Lockfile.pathFor(b));
    long jobs = server.counters().acceptedTasks();

    EngineRun pushed = store("push", a.toString());
    EngineRun pushedAgain = store("push", a.toString());
    EngineRun pulled = store("pull", b.toString());
    EngineRun locked = EngineRun.of("run", b.toString(), "--server", server.baseUrl(), "--locked");

    assertThat(pushed.exitCode()).as(pushed.err()).isEqualTo(ExitCodes.OK);
    assertThat(pushed.out())
        .startsWith("pushed 5 entries, 5 objects (")
        .contains("; 0 already there");
    assertThat(pushedAgain.out())
        .startsWith("pushed 0 entries, 0 objects (0.0 MB)")
        .contains("; 5 already there");
    assertThat(pulled.exitCode()).as(pulled.err()).isEqualTo(ExitCodes.OK);
    assertThat(pulled.out())
        .startsWith("pulled 5 entries, 5 objects (")
        .endsWith("; 0 already local\n");
    assertThat(locked.exitCode()).as(locked.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.counters().acceptedTasks()).isEqualTo(jobs);
  }

  @Test
  void statusShowsBothSidesAndEachLockfile() throws Exception {
    Path a = pipelineIn(first);
    assertThat(EngineRun.of("run", a.toString(), "--server", server.baseUrl()).exitCode())
        .isEqualTo(ExitCodes.OK);
    assertThat(store("push", a.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    Path b = pipelineIn(second);
    Files.copy(Lockfile.pathFor(a), Lockfile.pathFor(b));

    EngineRun status = store("status", "--project", second.toString());
    EngineRun noRemote = EngineRun.of("store", "status", a.toString());

    assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
    assertThat(status.out().lines().toList())
        .satisfiesExactly(
            l -> assertThat(l).isEqualTo("local   .acepipe/store: 0 entries, 0 objects, 0.0 MB"),
            l ->
                assertThat(l)
                    .startsWith(
                        "remote  s3://"
                            + BUCKET
                            + "/p at "
                            + s3.endpoint()
                            + ": 5 entries, 5 objects, "),
            l -> assertThat(l).isEqualTo("chain.lock.json: 5 steps; 0 local, 5 on the remote"));
    assertThat(noRemote.out())
        .contains("local   .acepipe/store: 5 entries, 5 objects, ")
        .contains("remote  none configured")
        .contains("chain.lock.json: 5 steps; 5 local\n");
  }

  @Test
  void pushWithoutAReachableRemoteExits4AndWithoutAnyRemoteExits2() throws Exception {
    Path a = pipelineIn(first);
    assertThat(EngineRun.of("run", a.toString(), "--server", server.baseUrl()).exitCode())
        .isEqualTo(ExitCodes.OK);
    s3.stop();

    EngineRun down = store("push", a.toString());
    EngineRun none = EngineRun.of("store", "pull", a.toString());

    assertThat(down.exitCode()).isEqualTo(ExitCodes.SERVER);
    assertThat(down.err()).contains("unreachable (connection refused) (--remote-required)");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("no remote store configured");
  }

  @Test
  void gcKeepsWhatTheLockfilesReferenceAndRemovesTheRest() throws Exception {
    Path a = pipelineIn(first);
    assertThat(EngineRun.of("run", a.toString(), "--server", server.baseUrl()).exitCode())
        .isEqualTo(ExitCodes.OK);
    // An edit re-renders `side`; its old entry and take are referenced by no lockfile any more.
    Files.writeString(
        a, Files.readString(a).replace("prompt: ambient drone", "prompt: ambient drone, rain"));
    assertThat(EngineRun.of("run", a.toString(), "--server", server.baseUrl()).exitCode())
        .isEqualTo(ExitCodes.OK);
    ArtifactStore local = ArtifactStore.forProject(first);
    assertThat(local.fingerprints()).hasSize(6);

    EngineRun dry = EngineRun.of("store", "gc", "--project", first.toString(), "--dry-run");
    int afterDry = local.fingerprints().size();
    EngineRun gc = EngineRun.of("store", "gc", "--project", first.toString());
    EngineRun locked = EngineRun.of("run", a.toString(), "--server", server.baseUrl(), "--locked");

    assertThat(dry.out()).startsWith("would remove 1 entries and 1 objects (");
    assertThat(afterDry).isEqualTo(6);
    assertThat(gc.exitCode()).as(gc.err()).isEqualTo(ExitCodes.OK);
    assertThat(gc.out())
        .startsWith("removed 1 entries and 1 objects (")
        .contains("kept 5 entries, 5 objects")
        .endsWith("referenced by chain.lock.json\n");
    assertThat(local.fingerprints()).hasSize(5);
    assertThat(local.objectHashes()).hasSize(5);
    assertThat(locked.exitCode()).as(locked.err()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void gcRefusesAFolderWithoutLockfiles() {
    EngineRun gc = EngineRun.of("store", "gc", "--project", second.toString());

    assertThat(gc.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(gc.err()).contains("no lockfiles (*.lock.json) in");
  }
}
