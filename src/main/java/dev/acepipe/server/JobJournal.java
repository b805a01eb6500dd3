package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job records that outlive the process, like upstream's disk cache: the last {@code
 * /query_result} item of every job that started, one JSON file per job under the state directory,
 * replaced atomically on each change.
 *
 * <p>After a restart a finished job answers as before (for 7 days); a job that was running answers
 * status 0 with its last stage until one hour after submission and status 2 after that (its inner
 * item still says 0, upstream's "presumed timed out"), although nothing runs it any more. Jobs that
 * never started have no record and answer {@code "[]"}. Thread-safe.
 */
final class JobJournal {
  private static final Logger LOG = LoggerFactory.getLogger(JobJournal.class);

  /** Upstream's {@code TASK_TIMEOUT_SECONDS}: a status-0 record older than this reads as failed. */
  static final long TASK_TIMEOUT_MILLIS = 3_600_000L;

  /** Upstream's {@code RESULT_EXPIRE_SECONDS}: records older than this are gone. */
  static final long EXPIRE_MILLIS = 7L * 24 * 3_600_000L;

  private final Path dir;
  private final ObjectMapper json;
  private final Clock clock;

  /** Records read at startup: the jobs of earlier processes. */
  private final Map<String, ObjectNode> restored = new ConcurrentHashMap<>();

  private JobJournal(Path dir, ObjectMapper json, Clock clock) {
    this.dir = dir;
    this.json = json;
    this.clock = clock;
  }

  /** A journal under {@code stateDir}, with the records of earlier runs loaded. */
  static JobJournal open(Path stateDir, ObjectMapper json, Clock clock) throws IOException {
    JobJournal journal = new JobJournal(stateDir.resolve("jobs"), json, clock);
    Files.createDirectories(journal.dir);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(journal.dir, "*.json")) {
      for (Path file : files) {
        try {
          JsonNode record = json.readTree(file.toFile());
          if (record instanceof ObjectNode object && object.path("item").isObject()) {
            journal.restored.put(object.path("item").path("task_id").asText(), object);
          }
        } catch (IOException e) {
          LOG.warn("ignoring unreadable job record {}: {}", file, e.getMessage());
        }
      }
    }
    return journal;
  }

  /** Persists the current item of a job submitted at {@code submittedMillis}. */
  void save(ObjectNode item, long submittedMillis) {
    String id = item.path("task_id").asText();
    ObjectNode record = json.createObjectNode().put("submitted_millis", submittedMillis);
    record.set("item", item);
    Path target = dir.resolve(id + ".json");
    Path tmp = dir.resolve("." + id + ".json.part");
    try {
      Files.write(tmp, json.writeValueAsBytes(record));
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot persist job {}: {}", id, e.getMessage());
    }
  }

  /**
   * The item of a job an earlier process knew, as upstream's cache would answer it now; empty when
   * unknown.
   */
  Optional<ObjectNode> restored(String id) {
    ObjectNode record = restored.get(id);
    if (record == null) {
      return Optional.empty();
    }
    long age = clock.millis() - record.path("submitted_millis").asLong();
    if (age > EXPIRE_MILLIS) {
      return Optional.empty();
    }
    ObjectNode item = record.get("item").deepCopy();
    if (item.path("status").asInt() == 0 && age > TASK_TIMEOUT_MILLIS) {
      item.put("status", 2);
    }
    return Optional.of(item);
  }
}
