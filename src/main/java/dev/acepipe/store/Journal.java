package dev.acepipe.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The task journal of one pipeline, {@code <project>/.acepipe/journal/<pipeline>.jsonl}: one JSON
 * object per line, appended and fsynced before the executor starts polling the task, so a run
 * killed at any moment (even SIGKILL) leaves a record of every task the server may still be working
 * on.
 *
 * <p>Why one journal per pipeline rather than per run: the run that resumes is a new run, and it
 * must find the previous run's tasks without scanning run directories.
 *
 * <pre>
 * {"attempt":1,"event":"submitted","fingerprint":"v1-…","run":"r-…","server":"http://gpu:8001","step":"draft","task_id":"…","time":"…"}
 * {"event":"finished","outcome":"succeeded","run":"r-…","task_id":"…","time":"…"}
 * </pre>
 *
 * <p>{@link #open} reads the file back, skips a torn last line (a kill mid-write) and any other
 * unreadable line (counted in {@link #skippedLines()}), keeps the submissions without a {@code
 * finished} record as {@link #pending()}, and compacts the file to exactly those before appending,
 * so the journal stays small and always ends on a line boundary. A lock file ({@code
 * <journal>.lock}) keeps a second engine from running the same pipeline at once. Not thread-safe by
 * itself: the executor calls it from one thread, or synchronizes.
 */
public final class Journal implements AutoCloseable {
  /** How a journaled task ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    LOST;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Path file;
  private final Clock clock;
  private final String runId;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final FileChannel channel;
  private final Map<String, PendingTask> pendingByTask;
  private final int skippedLines;

  private Journal(
      Path file,
      Clock clock,
      String runId,
      FileChannel lockChannel,
      FileLock lock,
      FileChannel channel,
      Map<String, PendingTask> pendingByTask,
      int skippedLines) {
    this.file = file;
    this.clock = clock;
    this.runId = runId;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.channel = channel;
    this.pendingByTask = pendingByTask;
    this.skippedLines = skippedLines;
  }

  /**
   * {@code <project>/.acepipe/journal/<pipeline>.jsonl}, with unsafe file-name characters replaced.
   */
  public static Path pathFor(Path projectDir, String pipelineName) {
    return ProjectLayout.of(projectDir).journal(pipelineName);
  }

  /**
   * Opens (creating if needed) the journal at {@code file} for the run {@code runId}, reading back
   * what earlier runs left pending.
   *
   * @throws JournalLockedException if another process (or another open journal in this JVM) holds
   *     it
   */
  public static Journal open(Path file, Clock clock, String runId) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel lockChannel =
        FileChannel.open(
            file.resolveSibling(file.getFileName() + ".lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new JournalLockedException(file);
    }
    try {
      Map<String, PendingTask> pending = new LinkedHashMap<>();
      int skipped = 0;
      if (Files.exists(file)) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
          if (line.isBlank()) {
            continue;
          }
          if (!apply(line, pending)) {
            skipped++;
          }
        }
      }
      StringBuilder compacted = new StringBuilder();
      pending.values().forEach(t -> compacted.append(submittedLine(t)));
      AtomicFiles.write(file, compacted.toString().getBytes(StandardCharsets.UTF_8));
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new Journal(file, clock, runId, lockChannel, lock, channel, pending, skipped);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /** Applies one line; false if it is torn or not a journal record. */
  private static boolean apply(String line, Map<String, PendingTask> pending) {
    try {
      ObjectNode o = Json.parseObject(line.getBytes(StandardCharsets.UTF_8), "journal line");
      String event = Json.text(o, "event", "journal line");
      String taskId = Json.text(o, "task_id", "journal line");
      switch (event) {
        case "submitted" ->
            pending.put(
                taskId,
                new PendingTask(
                    Json.text(o, "run", "journal line"),
                    Json.text(o, "step", "journal line"),
                    Json.fingerprint(o, "fingerprint", "journal line"),
                    taskId,
                    Json.text(o, "server", "journal line"),
                    (int) Json.integer(o, "attempt", "journal line"),
                    Instant.parse(Json.text(o, "time", "journal line"))));
        case "finished" -> pending.remove(taskId);
        default -> {
          return false;
        }
      }
      return true;
    } catch (StoreFormatException | RuntimeException e) {
      return false;
    }
  }

  /** The run id this journal appends with. */
  public String runId() {
    return runId;
  }

  /** The journal file. */
  public Path file() {
    return file;
  }

  /** Lines {@link #open} could not read (a torn last line after a kill is the usual one). */
  public int skippedLines() {
    return skippedLines;
  }

  /**
   * Every unfinished task by fingerprint, in submission order; includes tasks submitted through
   * this instance.
   */
  public Map<Fingerprint, List<PendingTask>> pending() {
    Map<Fingerprint, List<PendingTask>> out = new TreeMap<>();
    pendingByTask
        .values()
        .forEach(t -> out.computeIfAbsent(t.fingerprint(), k -> new ArrayList<>()).add(t));
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The task to re-attach to for {@code fingerprint} on {@code serverUrl}: the latest unfinished
   * submission there, if any. The executor polls it instead of submitting; if the server answers
   * "unknown task" it journals {@link Outcome#LOST} and submits anew.
   */
  public Optional<PendingTask> reattach(Fingerprint fingerprint, String serverUrl) {
    String server = sanitize(serverUrl);
    PendingTask latest = null;
    for (PendingTask t : pendingByTask.values()) {
      if (t.fingerprint().equals(fingerprint) && t.serverUrl().equals(server)) {
        latest = t;
      }
    }
    return Optional.ofNullable(latest);
  }

  /**
   * Journals a submission and fsyncs it. Call right after the server returned the task id, before
   * polling.
   */
  public PendingTask submitted(
      String stepId, Fingerprint fingerprint, String taskId, String serverUrl, int attempt)
      throws IOException {
    PendingTask t =
        new PendingTask(
            runId, stepId, fingerprint, taskId, sanitize(serverUrl), attempt, clock.instant());
    append(submittedLine(t));
    pendingByTask.put(taskId, t);
    return t;
  }

  /** Journals that a task ended (and fsyncs), so no later run re-attaches to it. */
  public void finished(String taskId, Outcome outcome) throws IOException {
    ObjectNode o = Json.object();
    o.put("event", "finished");
    o.put("outcome", outcome.wire());
    o.put("run", runId);
    o.put("task_id", taskId);
    o.put("time", clock.instant().toString());
    append(CanonicalJson.canonical(o) + "\n");
    pendingByTask.remove(taskId);
  }

  private static String submittedLine(PendingTask t) {
    ObjectNode o = Json.object();
    o.put("attempt", t.attempt());
    o.put("event", "submitted");
    o.put("fingerprint", t.fingerprint().toString());
    o.put("run", t.runId());
    o.put("server", t.serverUrl());
    o.put("step", t.stepId());
    o.put("task_id", t.taskId());
    o.put("time", t.submitted().toString());
    return CanonicalJson.canonical(o) + "\n";
  }

  private void append(String line) throws IOException {
    // One write per record: a kill can tear only the last line, which open() skips.
    ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  /**
   * Drops credentials, query and fragment from a server URL so the journal never holds a secret.
   */
  static String sanitize(String serverUrl) {
    try {
      URI u = new URI(serverUrl);
      return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "invalid-url";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }
}
