package dev.acepipe.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Rendering;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredTake;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The remote tier against a real S3 server (S3Proxy, in-process). */
@Timeout(120)
class RemoteStoreTest {
  private static final String BUCKET = "renders";

  @TempDir Path a;
  @TempDir Path b;
  private S3Server s3;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    s3 = S3Server.start(BUCKET);
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
  }

  private RemoteStore remote(String url) {
    return RemoteStore.open(
        RemoteLocation.parse(url, s3.endpoint(), null), Map.of(), warnings::add);
  }

  private static ArtifactStore store(Path dir) {
    return new ArtifactStore(dir.resolve("store"), Clock.systemUTC());
  }

  /** Puts an entry with {@code takes} random takes of {@code bytes} bytes into {@code store}. */
  private static StoreEntry entry(
      ArtifactStore store, String prompt, int takes, int bytes, long seed) throws IOException {
    ObjectNode request =
        JsonNodeFactory.instance
            .objectNode()
            .put("kind", "generate")
            .put("prompt", prompt)
            .put("seed", seed);
    Fingerprint fp = Fingerprint.of(request, List.of());
    List<StoredTake> stored = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < takes; i++) {
      byte[] audio = new byte[bytes];
      random.nextBytes(audio);
      String sha = store.put(new java.io.ByteArrayInputStream(audio));
      stored.add(new StoredTake(i, sha, bytes, 1.0, "flac", null, seed, seed + i, null, null));
    }
    StoreEntry e =
        new StoreEntry(
            "draft",
            new Rendering(fp, request, List.of(), "turbo", "1.0"),
            stored,
            Instant.parse("2026-12-01T00:00:00Z"));
    store.putEntry(e);
    return e;
  }

  private List<S3Object> listed(String prefix) {
    try (S3Client c = s3.client()) {
      return c.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
          .toList();
    }
  }

  @Test
  void anEntryPublishedByOneMachineIsFetchedVerifiedAndHitsLocallyOnAnother() throws Exception {
    ArtifactStore first = store(a);
    ArtifactStore second = store(b);
    StoreEntry e = entry(first, "neon", 2, 50_000, 7);

    try (RemoteStore r1 = remote("s3://renders/team");
        RemoteStore r2 = remote("s3://renders/team")) {
      r1.probe();
      r1.publish(e, first);
      RemoteFetch got = r2.fetch(e.fingerprint(), second);

      assertThat(got).isInstanceOf(RemoteFetch.Fetched.class);
      assertThat(second.lookup(e.fingerprint())).isInstanceOf(CacheLookup.Hit.class);
      assertThat(r1.pushed().objects()).isEqualTo(2);
      assertThat(r2.pulled().bytes()).isEqualTo(100_000);
    }
    assertThat(listed("team/objects/")).hasSize(2);
    assertThat(listed("team/entries/"))
        .extracting(S3Object::key)
        .containsExactly("team/entries/" + e.fingerprint() + ".json");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aFingerprintTheRemoteDoesNotHaveIsAbsent() throws Exception {
    StoreEntry e = entry(store(a), "neon", 1, 10, 1);
    try (RemoteStore r = remote("s3://renders")) {
      assertThat(r.fetch(e.fingerprint(), store(b))).isInstanceOf(RemoteFetch.Absent.class);
    }
  }

  @Test
  void aRemoteObjectWhoseBytesDoNotMatchItsNameIsReportedNeverStoredAndRepairedByTheNextPublish()
      throws Exception {
    ArtifactStore first = store(a);
    ArtifactStore second = store(b);
    StoreEntry e = entry(first, "neon", 1, 20_000, 3);
    String sha = e.takes().get(0).sha256();
    try (RemoteStore r1 = remote("s3://renders/p")) {
      r1.publish(e, first);
    }
    byte[] damaged = Files.readAllBytes(first.objectPath(sha));
    damaged[100] ^= 1;
    s3.overwrite(BUCKET, "p/" + RemoteStore.objectName(sha), damaged);

    try (RemoteStore r2 = remote("s3://renders/p")) {
      RemoteFetch got = r2.fetch(e.fingerprint(), second);
      assertThat(got).isInstanceOf(RemoteFetch.Rejected.class);
      assertThat(second.contains(sha)).isFalse();
      assertThat(second.hasEntry(e.fingerprint())).isFalse();
      assertThat(warnings).singleElement().asString().contains("take 0 failed verification");

      // The runner renders the take again (here: the same bytes) and publishes; the damaged copy is
      // replaced.
      StoreEntry again = entry(second, "neon", 1, 20_000, 3);
      r2.publish(again, second);
    }
    try (RemoteStore r3 = remote("s3://renders/p")) {
      assertThat(r3.fetch(e.fingerprint(), store(a.resolve("third"))))
          .isInstanceOf(RemoteFetch.Fetched.class);
    }
  }

  @Test
  void publishingWhatTheRemoteHasUploadsNothingAndReplacesNothing() throws Exception {
    ArtifactStore first = store(a);
    StoreEntry e = entry(first, "neon", 2, 1000, 5);
    try (RemoteStore r1 = remote("s3://renders");
        RemoteStore r2 = remote("s3://renders")) {
      r1.publish(e, first);
      var before =
          listed("").stream().map(o -> o.key() + " " + o.eTag() + " " + o.lastModified()).toList();
      r2.publish(e, first);
      assertThat(r2.pushed().objects()).isZero();
      assertThat(r2.pushed().entries()).isZero();
      assertThat(
              listed("").stream()
                  .map(o -> o.key() + " " + o.eTag() + " " + o.lastModified())
                  .toList())
          .isEqualTo(before);
    }
  }

  @Test
  void aMissingBucketFailsTheProbeWithAOneLineReason() {
    try (RemoteStore r = remote("s3://no-such-bucket/x")) {
      assertThatThrownBy(r::probe)
          .isInstanceOf(RemoteUnavailableException.class)
          .hasMessage("bucket 'no-such-bucket' does not exist");
    }
  }

  @Test
  void wrongCredentialsAreAccessDeniedAndNeverPrinted() throws Exception {
    String saved = System.getProperty("aws.secretAccessKey");
    RemoteStore r;
    System.setProperty("aws.secretAccessKey", "wrong-secret-value");
    try {
      r = remote("s3://renders");
      assertThatThrownBy(r::probe)
          .isInstanceOf(RemoteUnavailableException.class)
          .hasMessageStartingWith("access denied")
          .hasMessageNotContaining("wrong-secret-value");
      r.close();
    } finally {
      System.setProperty("aws.secretAccessKey", saved);
    }
  }

  @Test
  void aRemoteThatGoesAwayIsReportedOnceAndThenOffline() throws Exception {
    StoreEntry e = entry(store(a), "neon", 1, 10, 1);
    try (RemoteStore r = remote("s3://renders")) {
      r.probe();
      s3.stop();
      assertThat(r.fetch(e.fingerprint(), store(b))).isInstanceOf(RemoteFetch.Offline.class);
      r.publish(e, store(a));
      assertThat(r.fetch(e.fingerprint(), store(b))).isInstanceOf(RemoteFetch.Offline.class);
      assertThat(r.offlineReason()).contains("unreachable (connection refused)");
    }
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("remote s3://renders at http://127.0.0.1:")
        .endsWith(": unreachable (connection refused); continuing with the local store only");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      RemoteLocation where =
          RemoteLocation.parse("s3://renders", "http://127.0.0.1:" + silent.getLocalPort(), null);
      try (RemoteStore r =
          new RemoteStore(
              new S3Bucket(
                  where,
                  Map.of(),
                  new S3Bucket.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(300))),
              warnings::add)) {
        assertThatThrownBy(r::probe)
            .isInstanceOf(RemoteUnavailableException.class)
            .hasMessage("timed out");
      }
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void twoMachinesPublishingOneFingerprintAtOnceBothSucceedAndLeaveOneObjectPerTake()
      throws Exception {
    ArtifactStore first = store(a);
    ArtifactStore second = store(b);
    StoreEntry e1 = entry(first, "neon", 2, 200_000, 9);
    StoreEntry e2 = entry(second, "neon", 2, 200_000, 9);
    try (RemoteStore r1 = remote("s3://renders");
        RemoteStore r2 = remote("s3://renders")) {
      Thread t = new Thread(() -> r1.publish(e1, first));
      t.start();
      r2.publish(e2, second);
      t.join();
    }
    assertThat(listed("objects/")).hasSize(2);
    assertThat(listed("entries/")).hasSize(1);
    assertThat(warnings).isEmpty();
  }
}
