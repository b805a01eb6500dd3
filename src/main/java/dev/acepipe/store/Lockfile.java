package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code <pipeline>.lock.json}: what a pipeline rendered, pinned for review in git and for {@code
 * run --locked}. Written in {@link CanonicalJson#pretty} form (keys sorted, 2-space indent,
 * trailing newline, no timestamps), so an unchanged run rewrites the same bytes and a change shows
 * as a small diff, one block per step instance.
 *
 * @param pipeline the pipeline's {@code name}
 * @param steps lock blocks by step instance id ({@code draft}, {@code variations[mood=dark]}),
 *     sorted
 * @param selected a manual choice per step instance: the take index to use downstream (kept across
 *     runs; empty until a tool sets it)
 * @param pinned the answers of {@code format} and {@code random} steps by instance id, reused by
 *     every run until the step is edited, rerolled or forced (written only when there is one, so
 *     lockfiles of pipelines without such steps keep their bytes)
 */
public record Lockfile(
    String pipeline,
    SortedMap<String, LockEntry> steps,
    SortedMap<String, Integer> selected,
    SortedMap<String, PinnedResult> pinned) {
  /** Format version written into the file; readers refuse newer versions. */
  public static final int VERSION = 1;

  public Lockfile {
    if (pipeline == null || pipeline.isBlank()) {
      throw new IllegalArgumentException("pipeline name must not be blank");
    }
    steps = Collections.unmodifiableSortedMap(new TreeMap<>(steps));
    selected = Collections.unmodifiableSortedMap(new TreeMap<>(selected));
    pinned = Collections.unmodifiableSortedMap(new TreeMap<>(pinned));
    if (selected.values().stream().anyMatch(i -> i == null || i < 0)) {
      throw new IllegalArgumentException("selected take indexes must be >= 0");
    }
  }

  /** A lockfile without pinned answers. */
  public Lockfile(
      String pipeline, SortedMap<String, LockEntry> steps, SortedMap<String, Integer> selected) {
    this(pipeline, steps, selected, new TreeMap<>());
  }

  /** An empty lockfile for {@code pipeline}. */
  public static Lockfile empty(String pipeline) {
    return new Lockfile(pipeline, new TreeMap<>(), new TreeMap<>());
  }

  /** The pinned answer of one {@code format} or {@code random} step instance. */
  public Optional<PinnedResult> pinned(String stepId) {
    return Optional.ofNullable(pinned.get(stepId));
  }

  /** A copy with {@code stepId}'s pinned answer set to {@code result}. */
  public Lockfile withPinned(String stepId, PinnedResult result) {
    TreeMap<String, PinnedResult> copy = new TreeMap<>(pinned);
    copy.put(stepId, result);
    return new Lockfile(pipeline, steps, selected, copy);
  }

  /** {@code night-drive.yaml → night-drive.lock.json} in the same directory. */
  public static Path pathFor(Path pipelineFile) {
    String name = pipelineFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    return pipelineFile.resolveSibling(base + ".lock.json");
  }

  /** The block of one step instance. */
  public Optional<LockEntry> step(String stepId) {
    return Optional.ofNullable(steps.get(stepId));
  }

  /** A copy with {@code stepId}'s block set to {@code entry}. */
  public Lockfile withStep(String stepId, LockEntry entry) {
    TreeMap<String, LockEntry> copy = new TreeMap<>(steps);
    copy.put(stepId, entry);
    return new Lockfile(pipeline, copy, selected, pinned);
  }

  /** A copy with the manual take choices replaced by {@code choices}. */
  public Lockfile withSelected(java.util.Map<String, Integer> choices) {
    return new Lockfile(pipeline, steps, new TreeMap<>(choices), pinned);
  }

  /** A copy without blocks (and selections) of step instances the pipeline no longer has. */
  public Lockfile retainSteps(Set<String> stepIds) {
    TreeMap<String, LockEntry> copy = new TreeMap<>(steps);
    copy.keySet().retainAll(stepIds);
    TreeMap<String, Integer> sel = new TreeMap<>(selected);
    sel.keySet().retainAll(stepIds);
    TreeMap<String, PinnedResult> pins = new TreeMap<>(pinned);
    pins.keySet().retainAll(stepIds);
    return new Lockfile(pipeline, copy, sel, pins);
  }

  /** The exact text {@link #write} writes. */
  public String toText() {
    ObjectNode o = Json.object();
    o.put("lockfile_version", VERSION);
    o.put("fingerprint_scheme", Fingerprint.CURRENT_SCHEME);
    o.put("pipeline", pipeline);
    ObjectNode s = o.putObject("steps");
    steps.forEach((id, e) -> s.set(id, e.toJson()));
    ObjectNode sel = o.putObject("selected");
    selected.forEach(sel::put);
    if (!pinned.isEmpty()) {
      ObjectNode p = o.putObject("pinned");
      pinned.forEach((id, r) -> p.set(id, r.toJson()));
    }
    return CanonicalJson.pretty(o);
  }

  /** Atomically writes {@link #toText()} to {@code path}. */
  public void write(Path path) throws IOException {
    AtomicFiles.write(path, toText().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a lockfile; empty if the file does not exist.
   *
   * @throws StoreFormatException if it exists but is not a lockfile this version understands
   */
  public static Optional<Lockfile> read(Path path) throws IOException {
    Optional<byte[]> bytes = FileReads.ifExists(path, Files::readAllBytes);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(bytes.get(), path.toString()));
    } catch (StoreFormatException e) {
      // The message names the file already; say how to get out, once.
      throw new StoreFormatException(
          e.getMessage()
              + " (restore it with 'git checkout -- "
              + path.getFileName()
              + "', or delete it: the next run renders what the store does not hold and pins it again)",
          e);
    }
  }

  /** Parses lockfile text; {@code where} names the source in errors. */
  public static Lockfile parse(byte[] bytes, String where) throws StoreFormatException {
    ObjectNode o = Json.parseObject(bytes, where);
    long version = Json.integer(o, "lockfile_version", where);
    if (version != VERSION) {
      throw new StoreFormatException(
          where
              + ": lockfile_version "
              + version
              + " is not supported (this acepipe "
              + "reads version "
              + VERSION
              + ")");
    }
    TreeMap<String, LockEntry> steps = new TreeMap<>();
    JsonNode s = Json.objectField(o, "steps", where);
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      steps.put(e.getKey(), LockEntry.fromJson(e.getValue(), where + ": steps." + e.getKey()));
    }
    TreeMap<String, Integer> selected = new TreeMap<>();
    JsonNode sel = o.get("selected");
    if (sel != null && !sel.isNull()) {
      if (!sel.isObject()) {
        throw new StoreFormatException(where + ": field 'selected' must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sel.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
          throw new StoreFormatException(
              where + ": selected." + e.getKey() + " must be a take index >= 0");
        }
        selected.put(e.getKey(), e.getValue().intValue());
      }
    }
    TreeMap<String, PinnedResult> pinned = new TreeMap<>();
    JsonNode pins = o.get("pinned");
    if (pins != null && !pins.isNull()) {
      if (!pins.isObject()) {
        throw new StoreFormatException(where + ": field 'pinned' must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = pins.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        pinned.put(
            e.getKey(), PinnedResult.fromJson(e.getValue(), where + ": pinned." + e.getKey()));
      }
    }
    try {
      return new Lockfile(Json.text(o, "pipeline", where), steps, selected, pinned);
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
