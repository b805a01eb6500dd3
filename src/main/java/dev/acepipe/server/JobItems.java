package dev.acepipe.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code /query_result} item of a job: {@code {task_id, status, result: "<JSON string>",
 * progress_text}}, the result list shaped by the job's state and the profile in force. The same
 * items are what the {@link JobJournal} persists, so a restored job answers exactly as it did
 * before the restart.
 */
record JobItems(Wire wire, EmbeddedProfile profile) {
  static final String DEFAULT_MODEL = "acestep-v15-turbo";
  static final java.util.List<String> MODELS = java.util.List.of(DEFAULT_MODEL, "acestep-v15-base");
  static final String LM_MODEL = "acepipe-rules";

  /**
   * The item of an id the server does not know: status 0 with an empty list, as queued jobs lost to
   * a restart.
   */
  ObjectNode unknown(String id) {
    return wire.object()
        .put("task_id", id)
        .put("status", 0)
        .put("result", "[]")
        .put("progress_text", "");
  }

  ObjectNode item(Job job, int queuePosition) {
    ObjectNode item = wire.object().put("task_id", job.id);
    ArrayNode result = wire.array();
    switch (job.state) {
      case QUEUED -> {
        result
            .addObject()
            .put("file", "")
            .put("status", 0)
            .put("progress", 0.0)
            .put("stage", "queued")
            .put("queue_position", queuePosition);
        item.put("status", 0).put("progress_text", "queued (position " + queuePosition + ")");
      }
      case RUNNING -> {
        result
            .addObject()
            .put("file", "")
            .put("status", 0)
            .put("progress", job.progress)
            .put("stage", job.stage);
        item.put("status", 0).put("progress_text", job.progressText);
      }
      case SUCCEEDED -> {
        for (Job.Take take : job.takes) {
          result.add(takeObject(job, take));
        }
        item.put("status", 1).put("progress_text", "succeeded");
      }
      case FAILED -> {
        ObjectNode failed =
            result
                .addObject()
                .put("file", "")
                .put("status", 2)
                .put("progress", job.progress)
                .put("stage", "failed");
        item.put("status", 2).put("progress_text", "failed");
        if (job.error != null) {
          failed.put("error", job.error);
          item.put("error", job.error);
        }
      }
    }
    return item.put("result", wire.string(result));
  }

  private ObjectNode takeObject(Job job, Job.Take take) {
    ObjectNode o = wire.object();
    o.put("file", "/v1/audio?path=" + AudioEndpoint.encodePath(take.file()));
    o.put("status", 1);
    o.put("prompt", job.caption);
    o.put("lyrics", job.lyrics);
    ObjectNode metas = o.putObject("metas");
    metas.put("bpm", take.rendered().bpm());
    metas.put("duration", take.rendered().durationSeconds());
    metas.put("keyscale", orNa(take.rendered().keyScale()));
    metas.put("timesignature", orNa(take.rendered().timeSignature()));
    metas.put("genres", orNa(take.rendered().genres()));
    if (profile == EmbeddedProfile.NEWER) {
      metas.put("prompt", job.caption);
      metas.put("lyrics", job.lyrics);
      o.put("wave", "");
    }
    o.put("seed_value", job.seedValue);
    o.put("dit_model", job.ditModel);
    o.put("lm_model", LM_MODEL);
    // The snapshot's reported seed is not the one used; naming the used one here would give the
    // trap away.
    o.put(
        "generation_info",
        "procedural stand-in by acepipe (not AI)"
            + (profile == EmbeddedProfile.SNAPSHOT ? "" : ", seed " + take.seed()));
    o.put("progress", 1.0);
    o.put("stage", "succeeded");
    return o;
  }

  private static String orNa(String s) {
    return s == null || s.isBlank() ? "N/A" : s;
  }
}
