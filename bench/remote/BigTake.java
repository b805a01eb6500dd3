// Puts one take of SIZE_MB pseudo-random megabytes into DIR/.acepipe/store with an entry and a
// lockfile
// DIR/big.lock.json referencing it, so `engine store push --project DIR` has a large take to move.
// Run with the acepipe jar on the classpath.
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.Rendering;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredTake;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

public class BigTake {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long size = Long.parseLong(args[1]) << 20;
    ArtifactStore store = ArtifactStore.forProject(dir);
    SplittableRandom random = new SplittableRandom(17);
    InputStream bytes =
        new InputStream() {
          long left = size;

          @Override
          public int read() {
            return left-- > 0 ? random.nextInt(256) : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
              b[off + i] = (byte) random.nextInt(256);
            }
            left -= n;
            return n;
          }
        };
    String sha = store.put(bytes);
    ObjectNode request =
        JsonNodeFactory.instance
            .objectNode()
            .put("kind", "generate")
            .put("prompt", "big take")
            .put("seed", 1);
    Fingerprint fp = Fingerprint.of(request, List.of());
    StoreEntry e =
        new StoreEntry(
            "big",
            new Rendering(fp, request, List.of(), "default", null),
            List.of(new StoredTake(0, sha, size, 600, "wav", null, 1, null, null, null)),
            Instant.now());
    store.putEntry(e);
    Lockfile.empty("big").withStep("big", LockEntry.of(e, 0)).write(dir.resolve("big.lock.json"));
    System.out.println(sha);
  }
}
