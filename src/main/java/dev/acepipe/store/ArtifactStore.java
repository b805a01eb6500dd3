package dev.acepipe.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The content-addressed artifact store of a project, {@code <project>/.acepipe/store/}:
 *
 * <pre>
 * objects/ab/cdef...   take files, named by the SHA-256 of their bytes (first two hex digits as directory)
 * entries/v1-....json  one {@link StoreEntry} per fingerprint
 * stamps/ab/cdef...    "size mtime file-key" of an object when it last hashed correctly (see {@link Verification#STAT})
 * corrupt/             objects that failed re-verification, kept for inspection
 * tmp/                 files being written; never read
 * </pre>
 *
 * <p>Every file appears by an atomic rename of a complete temp file, so one writer process and any
 * number of readers are safe without locks: a reader sees a whole object or none. Objects are
 * immutable and deduplicated: putting bytes that are already stored costs a hash and a delete.
 * {@link #get} and {@link #lookup} re-hash objects on every use, because a cache hit must never
 * hand out damaged audio.
 *
 * <p>Instances are thread-safe (they hold no mutable state besides the file system).
 */
public final class ArtifactStore {
  /** How much {@link #lookup(Fingerprint, Verification)} trusts an object before handing it out. */
  public enum Verification {
    /** Re-hash every take now. Always correct; costs reading every byte (~0.3-1 GB/s). */
    REHASH,
    /**
     * Re-hash only takes whose size, modification time or file identity changed since they last
     * hashed correctly (the stat cache of git's index and DVC's state). Catches every overwrite,
     * truncation and replacement, not silent media bit rot; for the cache decision of large fully
     * cached re-runs. Bytes that are actually read should go through {@link #get} or {@link
     * #export}, which always re-hash.
     */
    STAT
  }

  private final Path root;
  private final Clock clock;

  /**
   * A store rooted at {@code root} (usually {@link #forProject}); directories are created on first
   * write.
   */
  public ArtifactStore(Path root, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
  }

  /** The store of the project in {@code projectDir}: {@code projectDir/.acepipe/store}. */
  public static ArtifactStore forProject(Path projectDir) {
    return new ArtifactStore(ProjectLayout.of(projectDir).store(), Clock.systemUTC());
  }

  public Path root() {
    return root;
  }

  /** Where the object with this hash lives (whether or not it exists). */
  public Path objectPath(String sha256) {
    Hashes.requireSha256Hex(sha256, "sha256");
    return root.resolve("objects").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
  }

  /** Where the entry of this fingerprint lives. */
  public Path entryPath(Fingerprint fingerprint) {
    return root.resolve("entries").resolve(fingerprint + ".json");
  }

  /** Copies {@code file} into the store; returns its SHA-256. The source is left untouched. */
  public String put(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return put(in);
    }
  }

  /**
   * Streams {@code in} into the store, hashing on the way; returns the SHA-256. If the object
   * already exists with the same size it is kept (dedup); a same-named object of another size is
   * damaged and is replaced.
   */
  public String put(InputStream in) throws IOException {
    Path tmpDir = Files.createDirectories(root.resolve("tmp"));
    Path tmp = AtomicFiles.newTempFile(tmpDir, "put-", ".part");
    try {
      MessageDigest md = Hashes.sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
        in.transferTo(out);
      }
      String sha = Hashes.hex(md.digest());
      Path target = objectPath(sha);
      if (Files.isRegularFile(target) && Files.size(target) == Files.size(tmp)) {
        return sha;
      }
      Files.createDirectories(target.getParent());
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      AtomicFiles.moveOver(tmp, target);
      writeStamp(sha);
      return sha;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** True if an object file with this hash exists (not verified: cheap, for planning). */
  public boolean contains(String sha256) {
    return Files.isRegularFile(objectPath(sha256));
  }

  /**
   * The object with this hash, re-hashed now. A corrupt object is moved to {@code corrupt/} and
   * reported, so the caller re-renders and puts it again.
   */
  public StoredObject get(String sha256) throws IOException {
    Path p = objectPath(sha256);
    Optional<String> hashed = FileReads.ifExists(p, Hashes::sha256Hex);
    if (hashed.isEmpty()) {
      return new StoredObject.Missing(sha256);
    }
    if (hashed.get().equals(sha256)) {
      writeStamp(sha256);
      return new StoredObject.Present(sha256, p);
    }
    return quarantine(sha256, hashed.get());
  }

  /** Moves the object that now hashes to {@code actual} into {@code corrupt/}. */
  private StoredObject.Corrupt quarantine(String sha256, String actual) throws IOException {
    Path aside =
        Files.createDirectories(root.resolve("corrupt")).resolve(sha256 + "." + clock.millis());
    AtomicFiles.moveOver(objectPath(sha256), aside);
    return new StoredObject.Corrupt(sha256, actual, aside);
  }

  /**
   * Copies the object to {@code target} (atomically, parents created), hashing while copying: the
   * bytes written are verified at no extra read. A corrupt object is moved aside as in {@link #get}
   * and {@code target} is not touched.
   */
  public StoredObject export(String sha256, Path target) throws IOException {
    Path p = objectPath(sha256);
    if (!Files.isRegularFile(p)) {
      return new StoredObject.Missing(sha256);
    }
    Path tmp = AtomicFiles.tempBeside(target);
    try {
      MessageDigest md = Hashes.sha256();
      try (InputStream in = Files.newInputStream(p);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
        in.transferTo(out);
      }
      String actual = Hashes.hex(md.digest());
      if (!actual.equals(sha256)) {
        return quarantine(sha256, actual);
      }
      AtomicFiles.moveOver(tmp, target);
      writeStamp(sha256);
      return new StoredObject.Present(sha256, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private Path stampPath(String sha256) {
    return root.resolve("stamps").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
  }

  private String stat(Path p) throws IOException {
    var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
    return attrs.size() + " " + attrs.lastModifiedTime().toInstant() + " " + attrs.fileKey();
  }

  /**
   * Records the object's stat after a good hash. No fsync: a lost stamp only costs one more
   * re-hash.
   */
  private void writeStamp(String sha256) throws IOException {
    String stat = stat(objectPath(sha256));
    Path stamp = stampPath(sha256);
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(stat)) {
      return;
    }
    Path tmp = AtomicFiles.tempBeside(stamp);
    try {
      Files.writeString(tmp, stat);
      AtomicFiles.moveOver(tmp, stamp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private boolean stampMatches(String sha256) throws IOException {
    Optional<String> stamp = FileReads.ifExists(stampPath(sha256), Files::readString);
    return stamp.isPresent() && stamp.equals(FileReads.ifExists(objectPath(sha256), this::stat));
  }

  /**
   * Writes (or replaces) the entry of {@code entry.fingerprint()} atomically. Its takes should be
   * put first.
   */
  public void putEntry(StoreEntry entry) throws IOException {
    byte[] bytes =
        CanonicalJson.pretty(entry.toJson()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    AtomicFiles.write(entryPath(entry.fingerprint()), bytes);
  }

  /**
   * True if an entry exists for this fingerprint (not verified: cheap, for {@code engine plan}).
   */
  public boolean hasEntry(Fingerprint fingerprint) {
    return Files.isRegularFile(entryPath(fingerprint));
  }

  /**
   * The entry of this fingerprint, without verifying its objects.
   *
   * @throws StoreFormatException if the entry file is damaged (the message names the file and
   *     field)
   */
  public Optional<StoreEntry> entry(Fingerprint fingerprint) throws IOException {
    Path p = entryPath(fingerprint);
    Optional<byte[]> bytes = FileReads.ifExists(p, Files::readAllBytes);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    StoreEntry e = StoreEntry.fromJson(Json.parseObject(bytes.get(), p.toString()), p.toString());
    if (!e.fingerprint().equals(fingerprint)) {
      throw new StoreFormatException(
          p + ": holds fingerprint " + e.fingerprint() + ", not " + fingerprint);
    }
    return Optional.of(e);
  }

  /**
   * The cache decision for a step instance: {@link CacheLookup.Hit} only if the entry exists and
   * every take verifies (sizes first, then a full re-hash). Never throws for damaged content; I/O
   * failures of the file system itself propagate.
   */
  public CacheLookup lookup(Fingerprint fingerprint) throws IOException {
    return lookup(fingerprint, Verification.REHASH);
  }

  /** As {@link #lookup(Fingerprint)}, verifying takes as {@code verification} says. */
  public CacheLookup lookup(Fingerprint fingerprint, Verification verification) throws IOException {
    StoreEntry entry;
    try {
      Optional<StoreEntry> found = entry(fingerprint);
      if (found.isEmpty()) {
        return new CacheLookup.Miss(fingerprint);
      }
      entry = found.get();
    } catch (StoreFormatException e) {
      return new CacheLookup.Corrupt(
          fingerprint, List.of("store entry unreadable: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (StoredTake take : entry.takes()) {
      String label = "take " + take.index() + " (sha256 " + take.sha256().substring(0, 12) + "...)";
      StoredObject obj =
          verification == Verification.STAT && stampMatches(take.sha256())
              ? new StoredObject.Present(take.sha256(), objectPath(take.sha256()))
              : get(take.sha256());
      if (obj instanceof StoredObject.Present present) {
        files.add(present.path());
      } else if (obj instanceof StoredObject.Missing) {
        problems.add(label + " is missing from the store");
      } else if (obj instanceof StoredObject.Corrupt corrupt) {
        problems.add(
            label
                + " is corrupt (now hashes to "
                + corrupt.actualSha256().substring(0, 12)
                + "...); moved to "
                + root.relativize(corrupt.quarantined()));
      }
    }
    return problems.isEmpty()
        ? new CacheLookup.Hit(entry, files)
        : new CacheLookup.Corrupt(fingerprint, problems);
  }

  // ---- additions for the remote tier and `engine store` (fetch, gc, status)
  // ------------------------------

  /**
   * Streams {@code in} into the store only if its bytes hash to {@code expectedSha256}; returns the
   * hash they actually have. On a mismatch nothing is stored (the temp file is deleted), so bytes
   * from an untrusted source can never appear under a name they do not match.
   */
  public String putExpected(InputStream in, String expectedSha256) throws IOException {
    Hashes.requireSha256Hex(expectedSha256, "expected sha256");
    Path tmpDir = Files.createDirectories(root.resolve("tmp"));
    Path tmp = Files.createTempFile(tmpDir, "fetch-", ".part");
    try {
      MessageDigest md = Hashes.sha256();
      try (var ch =
              java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
          OutputStream out =
              new DigestOutputStream(java.nio.channels.Channels.newOutputStream(ch), md)) {
        in.transferTo(out);
        out.flush();
        ch.force(true);
      }
      String sha = Hashes.hex(md.digest());
      if (!sha.equals(expectedSha256)) {
        return sha;
      }
      Path target = objectPath(sha);
      Files.createDirectories(target.getParent());
      AtomicFiles.moveOver(tmp, target);
      writeStamp(sha);
      return sha;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Every fingerprint that has an entry file, sorted (entries are not read). */
  public List<Fingerprint> fingerprints() throws IOException {
    Path dir = root.resolve("entries");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Fingerprint> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(".")) {
          // a stray file is not ours to interpret
          Fingerprint.tryParse(name.substring(0, name.length() - ".json".length()))
              .ifPresent(out::add);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** The hash of every stored object, sorted. */
  public List<String> objectHashes() throws IOException {
    Path dir = root.resolve("objects");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (var files = Files.walk(dir, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getNameCount() - dir.getNameCount() == 2 && Files.isRegularFile(p)) {
          String sha = p.getParent().getFileName().toString() + p.getFileName();
          if (Hashes.isSha256Hex(sha)) {
            out.add(sha);
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Deletes the entry of {@code fingerprint} if there is one; its objects are left alone. */
  public boolean removeEntry(Fingerprint fingerprint) throws IOException {
    return Files.deleteIfExists(entryPath(fingerprint));
  }

  /** Deletes an object and its stamp; returns the bytes freed (0 if it was not there). */
  public long removeObject(String sha256) throws IOException {
    Path p = objectPath(sha256);
    Optional<Long> size = FileReads.ifExists(p, Files::size);
    if (size.isEmpty()) {
      return 0;
    }
    Files.deleteIfExists(p);
    Files.deleteIfExists(stampPath(sha256));
    return size.get();
  }
}
