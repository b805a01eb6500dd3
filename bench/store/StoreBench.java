package dev.acepipe.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The store's share of a fully cached re-run of a 50-step pipeline; driven by {@code
 * bench/store/run.sh}.
 *
 * <p>{@code setup DIR STEPS TAKE_BYTES}: renders nothing, but fills DIR's store and lockfile as a
 * first run would (each step a repaint of the previous step's take 0, two takes each). {@code rerun
 * DIR STEPS REHASH|STAT}: what the executor does on an unchanged re-run, per step in order: build
 * the request, fingerprint it with the upstream take hash, {@link ArtifactStore#lookup} (re-hashing
 * every take, or only changed ones), explain against the lock block, record the block; then write
 * the lockfile. Prints the phase times in milliseconds.
 */
public final class StoreBench {
  private StoreBench() {}

  static ObjectNode request(int step) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", step == 0 ? "generate" : "repaint");
    r.put("prompt", "synthwave, analog pads, gated drums, male vocals, step " + step);
    r.put("lyrics", "[Verse 1]\nNeon on the wet highway\n[Chorus]\nDrive, drive, drive\n");
    r.put("audio_duration", 120);
    r.put("bpm", 100);
    r.put("key_scale", "A minor");
    r.put("time_signature", "4");
    r.put("vocal_language", "en");
    r.put("inference_steps", 8);
    r.put("guidance_scale", 7.0);
    r.put("thinking", true);
    r.put("batch_size", 2);
    r.put("audio_format", "flac");
    r.put("model", "acestep-v15-turbo");
    r.put("seed", Seeds.derive(20261125L, "step" + step, 0));
    if (step > 0) {
      r.put("repainting_start", 45);
      r.put("repainting_end", 60);
    }
    return r;
  }

  static List<StepInput> inputs(int step, String upstreamTake0) {
    return step == 0
        ? List.of()
        : List.of(new StepInput("step" + (step - 1) + "#0", upstreamTake0));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    int steps = Integer.parseInt(args[2]);
    ArtifactStore store = ArtifactStore.forProject(dir);
    Path lockPath = dir.resolve("bench.lock.json");
    if (args[0].equals("setup")) {
      int takeBytes = Integer.parseInt(args[3]);
      Random random = new Random(1);
      Lockfile lock = Lockfile.empty("bench");
      String upstream = null;
      for (int s = 0; s < steps; s++) {
        ObjectNode req = request(s);
        List<StepInput> in = inputs(s, upstream);
        List<StoredTake> takes = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          byte[] audio = new byte[takeBytes];
          random.nextBytes(audio);
          String sha = store.put(new ByteArrayInputStream(audio));
          takes.add(
              new StoredTake(
                  t,
                  sha,
                  takeBytes,
                  120,
                  "flac",
                  "/out/" + sha + ".flac",
                  req.get("seed").longValue(),
                  1000L + t,
                  null,
                  null));
        }
        StoreEntry e =
            new StoreEntry(
                "step" + s,
                new Rendering(Fingerprint.of(req, in), req, in, "acestep-v15-turbo", "1.0"),
                takes,
                Clock.systemUTC().instant());
        store.putEntry(e);
        lock = lock.withStep("step" + s, LockEntry.of(e, 0, List.of(1000L, 1001L)));
        upstream = takes.get(0).sha256();
      }
      lock.write(lockPath);
      return;
    }
    ArtifactStore.Verification verification = ArtifactStore.Verification.valueOf(args[3]);
    long tInit = System.nanoTime();
    Json.object(); // class loading and initialisation of Jackson, which the engine pays once anyway
    long t0 = System.nanoTime();
    Lockfile lock = Lockfile.read(lockPath).orElseThrow();
    long t1 = System.nanoTime();
    Lockfile next = Lockfile.empty("bench");
    String upstream = null;
    int hits = 0;
    long firstStepEnd = 0;
    for (int s = 0; s < steps; s++) {
      if (s == 1) {
        firstStepEnd = System.nanoTime();
      }
      ObjectNode req = request(s);
      List<StepInput> in = inputs(s, upstream);
      Fingerprint fp = Fingerprint.of(req, in);
      Staleness why =
          StaleExplainer.explain(lock.step("step" + s).orElse(null), req, in, store.hasEntry(fp));
      CacheLookup found = store.lookup(fp, verification);
      if (!(found instanceof CacheLookup.Hit hit) || why.status() != Staleness.Status.CACHED) {
        throw new IllegalStateException("step" + s + " not cached: " + why.line() + " / " + found);
      }
      hits++;
      next = next.withStep("step" + s, LockEntry.of(hit.entry(), 0, List.of(1000L, 1001L)));
      upstream = hit.entry().takes().get(0).sha256();
    }
    long t2 = System.nanoTime();
    next.write(lockPath);
    long t3 = System.nanoTime();
    System.out.printf("steps cached:          %d/%d%n", hits, steps);
    System.out.printf("jackson init:          %.1f ms%n", (t0 - tInit) / 1e6);
    System.out.printf("read lockfile:         %.1f ms%n", (t1 - t0) / 1e6);
    System.out.printf(
        "fingerprint+lookup(%s)+explain, %d takes: %.1f ms%n",
        verification, hits * 2, (t2 - t1) / 1e6);
    System.out.printf(
        "  of which first step (cold classes): %.1f ms, the other %d steps: %.2f ms each%n",
        (firstStepEnd - t1) / 1e6, steps - 1, (t2 - firstStepEnd) / 1e6 / (steps - 1));
    System.out.printf("write lockfile:        %.1f ms%n", (t3 - t2) / 1e6);
    System.out.printf("store total in-JVM:    %.1f ms (incl. jackson init)%n", (t3 - tInit) / 1e6);
  }
}
