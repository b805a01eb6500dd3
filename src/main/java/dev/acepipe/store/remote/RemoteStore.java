package dev.acepipe.store.remote;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoreFormatException;
import dev.acepipe.store.StoredObject;
import dev.acepipe.store.StoredTake;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The shared store in an S3 bucket, laid out like the local one under the location's prefix:
 *
 * <pre>
 * PREFIX/objects/ab/cdef...   take files, named by their SHA-256 (metadata sha256 = the same)
 * PREFIX/entries/v1-....json  store entries, byte for byte as written locally
 * </pre>
 *
 * <p>Guarantees: nothing is used before it is verified (an entry must re-fingerprint to its own
 * name, every take must hash to the name it is stored under, or it is reported and not used);
 * objects are uploaded before the entry that names them, with a conditional put ({@code
 * If-None-Match: *}) after a HEAD, so an existing object or entry is never replaced, except an
 * object this process found damaged (wrong size, or it downloaded it and the bytes did not match),
 * which is replaced by verified bytes of the same name. S3 makes an object visible only once its
 * upload completed, so a broken upload never looks like a complete object. Two runners rendering
 * one fingerprint both succeed and leave one object per take (same name), and the first entry.
 *
 * <p>Any failure of the remote itself (unreachable, bucket missing, access denied, timed out) is
 * reported once as one line and switches the remote off for the rest of this process: runs go on
 * with the local store.
 *
 * <p>Thread-safe: the executor fetches and publishes from several steps at once.
 */
public final class RemoteStore implements RemoteTier, AutoCloseable {
  /** Entries are small JSON; a larger one is not an entry and is not read into memory. */
  private static final int MAX_ENTRY_BYTES = 4 << 20;

  private final S3Bucket bucket;
  private final Consumer<String> warn;
  private final AtomicReference<String> offline = new AtomicReference<>();
  private final Set<String> damagedObjects = ConcurrentHashMap.newKeySet();
  private final Set<Fingerprint> damagedEntries = ConcurrentHashMap.newKeySet();
  private final Transfers pulled = new Transfers();
  private final Transfers pushed = new Transfers();

  /** Counts of what moved in one direction. */
  public static final class Transfers {
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public long entries() {
      return entries.get();
    }

    public long objects() {
      return objects.get();
    }

    public long bytes() {
      return bytes.get();
    }
  }

  RemoteStore(S3Bucket bucket, Consumer<String> warn) {
    this.bucket = bucket;
    this.warn = warn;
  }

  /**
   * A client for {@code location}; nothing is contacted yet (see {@link #probe}).
   *
   * @param env the environment, for {@code AWS_REGION}/{@code AWS_DEFAULT_REGION}
   * @param warn receives the one-line reports (remote switched off, a rejected download)
   */
  public static RemoteStore open(
      RemoteLocation location, Map<String, String> env, Consumer<String> warn) {
    return new RemoteStore(new S3Bucket(location, env, S3Bucket.Timeouts.DEFAULT), warn);
  }

  public RemoteLocation location() {
    return bucket.location();
  }

  /**
   * Checks that the bucket can be used; on failure the remote is switched off (without a report:
   * the caller decides between a warning and refusing to run) and the reason thrown.
   */
  public void probe() throws RemoteUnavailableException {
    try {
      bucket.probe();
    } catch (RemoteUnavailableException e) {
      offline.compareAndSet(null, e.getMessage());
      throw e;
    }
  }

  /** Why the remote was switched off, if it was. */
  public Optional<String> offlineReason() {
    return Optional.ofNullable(offline.get());
  }

  public Transfers pulled() {
    return pulled;
  }

  public Transfers pushed() {
    return pushed;
  }

  static String objectName(String sha256) {
    return "objects/" + sha256.substring(0, 2) + "/" + sha256.substring(2);
  }

  static String entryName(Fingerprint fp) {
    return "entries/" + fp + ".json";
  }

  @Override
  public RemoteFetch fetch(Fingerprint fingerprint, ArtifactStore local) {
    if (offline.get() != null) {
      return new RemoteFetch.Offline();
    }
    String name = entryName(fingerprint);
    try {
      Optional<byte[]> bytes = bucket.get(name, (in, size) -> readEntry(in, size, name));
      if (bytes.isEmpty()) {
        return new RemoteFetch.Absent();
      }
      StoreEntry entry;
      try {
        entry = StoreEntry.parse(bytes.get(), location().display() + "/" + name);
      } catch (StoreFormatException e) {
        return reject(fingerprint, null, "entry unreadable: " + e.getMessage());
      }
      if (!entry.fingerprint().equals(fingerprint)
          || !Fingerprint.of(entry.request(), entry.inputs()).equals(fingerprint)) {
        return reject(fingerprint, null, "entry does not match its fingerprint");
      }
      long bytesIn = 0;
      int objectsIn = 0;
      for (StoredTake take : entry.takes()) {
        if (local.get(take.sha256()) instanceof StoredObject.Present) {
          continue;
        }
        CountingStream[] counted = new CountingStream[1];
        Optional<String> actual =
            bucket.get(
                objectName(take.sha256()),
                (in, size) -> {
                  counted[0] = new CountingStream(in);
                  return local.putExpected(counted[0], take.sha256());
                });
        if (actual.isEmpty()) {
          return reject(fingerprint, null, "take " + take.index() + " is missing on the remote");
        }
        if (!actual.get().equals(take.sha256())) {
          return reject(
              fingerprint,
              take.sha256(),
              "take "
                  + take.index()
                  + " failed verification (sha256 "
                  + take.sha256().substring(0, 12)
                  + "... expected, the remote copy hashes to "
                  + actual.get().substring(0, 12)
                  + "...)");
        }
        bytesIn += counted[0].count;
        objectsIn++;
      }
      local.putEntry(entry);
      pulled.entries.incrementAndGet();
      pulled.objects.addAndGet(objectsIn);
      pulled.bytes.addAndGet(bytesIn);
      return new RemoteFetch.Fetched(entry);
    } catch (RemoteUnavailableException e) {
      switchOff(e.getMessage());
      return new RemoteFetch.Offline();
    } catch (IOException e) {
      // The local disk, not the remote: report, and let the step render.
      warn.accept(
          "remote: cannot keep the download of "
              + fingerprint.shortText()
              + " locally: "
              + e.getMessage());
      return new RemoteFetch.Rejected(e.getMessage());
    }
  }

  @Override
  public void publish(StoreEntry entry, ArtifactStore local) {
    if (offline.get() != null) {
      return;
    }
    try {
      for (StoredTake take : entry.takes()) {
        publishObject(take, local);
      }
      String name = entryName(entry.fingerprint());
      boolean repair = damagedEntries.contains(entry.fingerprint());
      if (!repair && bucket.head(name).isPresent()) {
        return;
      }
      if (bucket.put(name, entry.toBytes(), Map.of(), !repair) == S3Bucket.Put.CREATED) {
        damagedEntries.remove(entry.fingerprint());
        pushed.entries.incrementAndGet();
      }
    } catch (RemoteUnavailableException e) {
      switchOff(e.getMessage());
    } catch (IOException e) {
      warn.accept(
          "remote: not uploaded " + entry.fingerprint().shortText() + ": " + e.getMessage());
    }
  }

  /** True if the remote has the entry of {@code fingerprint} (a HEAD; nothing is verified). */
  public boolean hasEntry(Fingerprint fingerprint) throws RemoteUnavailableException {
    return bucket.head(entryName(fingerprint)).isPresent();
  }

  /**
   * Every entry ({@code v1-….json}) and object ({@code ab/cdef…}) on the remote with its size, for
   * {@code engine store status}. Other keys (directory markers some servers list, strays) are not
   * counted.
   */
  public void list(
      java.util.function.BiConsumer<String, Long> entries,
      java.util.function.BiConsumer<String, Long> objects)
      throws RemoteUnavailableException {
    bucket.list(
        "entries",
        (name, size) -> {
          if (ENTRY_NAME.matcher(name).matches()) {
            entries.accept(name, size);
          }
        });
    bucket.list(
        "objects",
        (name, size) -> {
          if (OBJECT_NAME.matcher(name).matches()) {
            objects.accept(name, size);
          }
        });
  }

  private static final java.util.regex.Pattern ENTRY_NAME =
      java.util.regex.Pattern.compile("v[0-9]+-[0-9a-f]{64}\\.json");
  private static final java.util.regex.Pattern OBJECT_NAME =
      java.util.regex.Pattern.compile("[0-9a-f]{2}/[0-9a-f]{62}");

  private void publishObject(StoredTake take, ArtifactStore local) throws IOException {
    String sha = take.sha256();
    String name = objectName(sha);
    boolean repair = damagedObjects.contains(sha);
    Optional<S3Bucket.Head> head = bucket.head(name);
    if (head.isPresent() && !repair) {
      if (head.get().size() == take.sizeBytes()) {
        return;
      }
      // Same name, other size: the remote copy is damaged; replace it with verified bytes.
      repair = true;
    }
    // Never upload bytes that no longer match their name.
    if (!(local.get(sha) instanceof StoredObject.Present present)) {
      throw new IOException("take " + take.index() + " is not intact in the local store");
    }
    S3Bucket.Put put = bucket.put(name, present.path(), Map.of("sha256", sha), !repair);
    if (put == S3Bucket.Put.CREATED) {
      damagedObjects.remove(sha);
      pushed.objects.incrementAndGet();
      pushed.bytes.addAndGet(take.sizeBytes());
      // Check-then-put servers that ignore If-None-Match still leave a complete object of the right
      // size.
      Optional<S3Bucket.Head> after = bucket.head(name);
      if (after.isEmpty() || after.get().size() != take.sizeBytes()) {
        throw new IOException("take " + take.index() + " did not arrive intact on the remote");
      }
    }
  }

  private RemoteFetch reject(Fingerprint fp, String damagedSha, String reason) {
    if (damagedSha != null) {
      damagedObjects.add(damagedSha);
    } else if (!reason.contains("missing")) {
      damagedEntries.add(fp);
    }
    warn.accept("remote: " + fp.shortText() + ": " + reason + "; not used");
    return new RemoteFetch.Rejected(reason);
  }

  private void switchOff(String reason) {
    if (offline.compareAndSet(null, reason)) {
      warn.accept(
          "remote "
              + location().display()
              + ": "
              + reason
              + "; continuing with the local store only");
    }
  }

  private static byte[] readEntry(InputStream in, long size, String name) throws IOException {
    if (size > MAX_ENTRY_BYTES) {
      throw new StoreFormatException(name + " is " + size + " bytes, too large for a store entry");
    }
    return in.readNBytes(MAX_ENTRY_BYTES);
  }

  /** One line for the end of a run: what moved. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "remote %s: pulled %d entries, %d objects (%s); pushed %d entries, %d objects (%s)",
        location().display(),
        pulled.entries(),
        pulled.objects(),
        megabytes(pulled.bytes()),
        pushed.entries(),
        pushed.objects(),
        megabytes(pushed.bytes()));
  }

  public static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  @Override
  public void close() {
    bucket.close();
  }

  /** Counts the bytes a download delivered. */
  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
