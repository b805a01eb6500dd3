package dev.acepipe.store;

import static dev.acepipe.store.StoreFixtures.CLOCK;
import static dev.acepipe.store.StoreFixtures.entry;
import static dev.acepipe.store.StoreFixtures.generate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir Path project;

  private ArtifactStore store() {
    return new ArtifactStore(project.resolve(".acepipe/store"), CLOCK);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void objectsAreNamedByTheirSha256UnderATwoDigitDirectory() throws Exception {
    ArtifactStore store = store();

    String sha = store.put(bytes("abc"));

    assertThat(sha).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(store.objectPath(sha))
        .isEqualTo(
            project.resolve(
                ".acepipe/store/objects/ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        .hasContent("abc");
  }

  @Test
  void puttingTheSameBytesTwiceStoresOneObjectAndLeavesNoTempFiles() throws Exception {
    ArtifactStore store = store();
    Path source = Files.writeString(project.resolve("take.flac"), "same bytes");

    String first = store.put(source);
    String second = store.put(bytes("same bytes"));

    assertThat(second).isEqualTo(first);
    try (Stream<Path> files = Files.walk(store.root().resolve("objects"))) {
      assertThat(files.filter(Files::isRegularFile).toList())
          .containsExactly(store.objectPath(first));
    }
    try (Stream<Path> tmp = Files.list(store.root().resolve("tmp"))) {
      assertThat(tmp.toList()).isEmpty();
    }
    assertThat(source).hasContent("same bytes");
  }

  @Test
  void getReHashesAndReportsACorruptObjectThenMovesItAside() throws Exception {
    ArtifactStore store = store();
    String sha = store.put(bytes("good audio"));
    Files.writeString(store.objectPath(sha), "flipped bit");

    StoredObject result = store.get(sha);

    assertThat(result).isInstanceOf(StoredObject.Corrupt.class);
    StoredObject.Corrupt corrupt = (StoredObject.Corrupt) result;
    assertThat(corrupt.actualSha256())
        .isEqualTo(Hashes.sha256Hex("flipped bit".getBytes(StandardCharsets.UTF_8)));
    assertThat(corrupt.quarantined()).hasContent("flipped bit");
    assertThat(store.contains(sha)).isFalse();
    assertThat(store.put(bytes("good audio"))).isEqualTo(sha);
    assertThat(store.get(sha)).isInstanceOf(StoredObject.Present.class);
  }

  @Test
  void getOfAnUnknownHashIsMissing() throws Exception {
    assertThat(store().get("0".repeat(64))).isEqualTo(new StoredObject.Missing("0".repeat(64)));
  }

  @Test
  void lookupHitsOnlyWhenTheEntryAndEveryTakeVerify() throws Exception {
    ArtifactStore store = store();
    String t0 = store.put(bytes("take0"));
    String t1 = store.put(bytes("take1"));
    StoreEntry entry = entry(generate("synthwave", 120, 7), List.of(), t0, t1);
    store.putEntry(entry);

    CacheLookup lookup = store.lookup(entry.fingerprint());

    assertThat(lookup).isInstanceOf(CacheLookup.Hit.class);
    CacheLookup.Hit hit = (CacheLookup.Hit) lookup;
    assertThat(hit.entry()).isEqualTo(entry);
    assertThat(hit.files()).containsExactly(store.objectPath(t0), store.objectPath(t1));
  }

  @Test
  void lookupOfAnUnknownFingerprintIsAMiss() throws Exception {
    Fingerprint fp = Fingerprint.of(generate("x", 60, 1), List.of());

    assertThat(store().lookup(fp)).isEqualTo(new CacheLookup.Miss(fp));
    assertThat(store().hasEntry(fp)).isFalse();
  }

  @Test
  void lookupReportsACorruptTakeSoTheCallerReRenders() throws Exception {
    ArtifactStore store = store();
    String t0 = store.put(bytes("take0"));
    String t1 = store.put(bytes("take1"));
    StoreEntry entry = entry(generate("synthwave", 120, 7), List.of(), t0, t1);
    store.putEntry(entry);
    Files.writeString(store.objectPath(t1), "garbage");

    CacheLookup lookup = store.lookup(entry.fingerprint());

    assertThat(lookup).isInstanceOf(CacheLookup.Corrupt.class);
    assertThat(((CacheLookup.Corrupt) lookup).problems())
        .singleElement()
        .asString()
        .startsWith("take 1 (sha256 " + t1.substring(0, 12))
        .contains("is corrupt");
  }

  @Test
  void lookupReportsADamagedEntryFileAsCorruptNotAsAnException() throws Exception {
    ArtifactStore store = store();
    Fingerprint fp = Fingerprint.of(generate("x", 60, 1), List.of());
    Files.createDirectories(store.entryPath(fp).getParent());
    Files.writeString(store.entryPath(fp), "{\"fingerprint\": ");

    CacheLookup lookup = store.lookup(fp);

    assertThat(lookup).isInstanceOf(CacheLookup.Corrupt.class);
    assertThat(((CacheLookup.Corrupt) lookup).problems().get(0)).contains("not valid JSON");
  }

  @Test
  void entriesAreCanonicalPrettyJsonThatReadsBackEqual() throws Exception {
    ArtifactStore store = store();
    StoreEntry entry =
        entry(
            generate("synthwave", 120, 7),
            List.of(new StepInput("words#0", "e".repeat(64))),
            store.put(bytes("t")));

    store.putEntry(entry);

    String text = Files.readString(store.entryPath(entry.fingerprint()));
    assertThat(text)
        .startsWith("{\n  \"created\": \"2026-11-25T12:00:00Z\",\n  \"fingerprint\": \"v1-")
        .endsWith("}\n");
    assertThat(store.entry(entry.fingerprint())).get().isEqualTo(entry);
  }

  @Test
  void storeEntriesRefuseCredentialsInMetas() {
    assertThatThrownBy(
            () ->
                new StoredTake(
                    0,
                    "a".repeat(64),
                    1,
                    1,
                    "flac",
                    null,
                    1,
                    null,
                    StoreFixtures.request("{\"api_key\":\"k\"}"),
                    null))
        .hasMessageContaining("api_key");
  }

  @Test
  void statVerificationTrustsAnUntouchedObjectAndReHashesAnOverwrittenOne() throws Exception {
    ArtifactStore store = store();
    String t0 = store.put(bytes("take0"));
    StoreEntry entry = entry(generate("synthwave", 120, 7), List.of(), t0);
    store.putEntry(entry);
    assertThat(store.lookup(entry.fingerprint(), ArtifactStore.Verification.STAT))
        .isInstanceOf(CacheLookup.Hit.class);

    Files.writeString(store.objectPath(t0), "TAKE0");
    Files.setLastModifiedTime(store.objectPath(t0), java.nio.file.attribute.FileTime.fromMillis(0));

    assertThat(store.lookup(entry.fingerprint(), ArtifactStore.Verification.STAT))
        .isInstanceOf(CacheLookup.Corrupt.class);
  }

  @Test
  void statVerificationCannotSeeSilentBitRotButRehashCan() throws Exception {
    ArtifactStore store = store();
    String t0 = store.put(bytes("take0"));
    StoreEntry entry = entry(generate("synthwave", 120, 7), List.of(), t0);
    store.putEntry(entry);
    Path object = store.objectPath(t0);
    var mtime = Files.getLastModifiedTime(object);
    Files.writeString(object, "TAKE0");
    Files.setLastModifiedTime(object, mtime);

    CacheLookup trusted = store.lookup(entry.fingerprint(), ArtifactStore.Verification.STAT);
    CacheLookup rehashed = store.lookup(entry.fingerprint());

    assertThat(trusted).isInstanceOf(CacheLookup.Hit.class);
    assertThat(rehashed).isInstanceOf(CacheLookup.Corrupt.class);
  }

  @Test
  void exportCopiesAVerifiedObjectAndRefusesACorruptOne() throws Exception {
    ArtifactStore store = store();
    String good = store.put(bytes("good"));
    String bad = store.put(bytes("bad"));
    Files.writeString(store.objectPath(bad), "BAD");
    Path out = project.resolve("out/song.flac");

    StoredObject exported = store.export(good, out);
    StoredObject refused = store.export(bad, project.resolve("out/other.flac"));

    assertThat(exported).isEqualTo(new StoredObject.Present(good, out));
    assertThat(out).hasContent("good");
    assertThat(refused).isInstanceOf(StoredObject.Corrupt.class);
    assertThat(project.resolve("out/other.flac")).doesNotExist();
    try (Stream<Path> files = Files.list(project.resolve("out"))) {
      assertThat(files.toList()).containsExactly(out);
    }
  }
}
