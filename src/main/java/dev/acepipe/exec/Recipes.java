package dev.acepipe.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.StepInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The recipe of a job step as the store fingerprints it: the resolved request and its input takes
 * (see docs/reproducibility.md, "Fingerprints"). Pure and shared by {@code engine run} (the cache
 * decision) and {@code engine plan} (the cache column), so both always agree.
 */
public final class Recipes {
  /**
   * The {@code model} recorded when a step names none: the server's default, whatever it is at
   * render time.
   */
  public static final String DEFAULT_MODEL = "default";

  private static final ObjectMapper MAPPER = JsonMappers.standard();

  private Recipes() {}

  /**
   * The resolved request of {@code job}: {@code kind}, every wire parameter the request carries
   * (defaults applied by {@link PlanSteps}), the concrete seed, the model, and the kind's own
   * window or strength. Server paths are left out on purpose (the input take's content hash stands
   * for the source audio), as is {@code task_type}, which {@code kind} determines.
   */
  public static ObjectNode request(StepAction.Job job) {
    return request(job, null);
  }

  /**
   * {@link #request(StepAction.Job)} plus {@code backend} ({@code embedded} or {@code external})
   * when known: renders of acepipe's synthesizer and of an ACE-Step server never share a
   * fingerprint, so one never satisfies the other.
   */
  public static ObjectNode request(StepAction.Job job, String backend) {
    ObjectNode o = MAPPER.valueToTree(job.request());
    o.remove(List.of("src_audio_path", "reference_audio_path", "use_random_seed", "task_type"));
    // a variant is the one task type the kind does not determine
    if ("cover-nofsq".equals(job.request().taskType())) {
      o.put("task_type", job.request().taskType());
    }
    o.put("kind", job.kind());
    if (!o.hasNonNull("model")) {
      o.put("model", DEFAULT_MODEL);
    }
    StepAction.Job.Edit edit = job.edit();
    if (edit.seconds() != null) {
      o.put("continue_seconds", edit.seconds());
    }
    if (edit.overlap() != null) {
      o.put("continue_overlap", edit.overlap());
    }
    if (edit.start() != null) {
      o.put("repainting_start", edit.start());
    }
    if (edit.end() != null) {
      o.put("repainting_end", edit.end());
    }
    if (edit.strength() != null) {
      o.put("audio_cover_strength", edit.strength());
    }
    if (!job.adapters().isEmpty()) {
      // Adapters change the render; written only when present so that a pipeline without them
      // keeps its fingerprints (and caches and lockfiles) of before.
      com.fasterxml.jackson.databind.node.ArrayNode lora = o.putArray("lora");
      for (dev.acepipe.adapters.Adapter a : job.adapters().adapters()) {
        lora.addObject().put("path", a.path()).put("scale", a.scale()).put("name", a.name());
      }
    }
    if (backend != null) {
      o.put("backend", backend);
    }
    return o;
  }

  /**
   * The input takes of {@code job} in request order (source, then reference), each with the SHA-256
   * of the take's bytes, or {@link StepInput#pending} when {@code upstream} does not have that
   * step's output yet.
   */
  public static List<StepInput> inputs(StepAction.Job job, Upstream upstream) {
    List<StepInput> in = new ArrayList<>();
    for (AudioRef ref : new AudioRef[] {job.source(), job.reference()}) {
      if (ref == null) {
        continue;
      }
      String name = ref.stepId() + "#" + ref.take();
      try {
        List<TakeResult> takes = upstream.output(ref.stepId()).takes();
        in.add(
            ref.take() < takes.size()
                ? new StepInput(name, takes.get(ref.take()).sha256())
                : StepInput.pending(name));
      } catch (Upstream.NotFinishedException notYet) {
        in.add(StepInput.pending(name));
      }
    }
    return in;
  }

  /** The fingerprint of a job whose inputs are all known. */
  public static Fingerprint fingerprint(StepAction.Job job, Upstream upstream) {
    return Fingerprint.of(request(job), inputs(job, upstream));
  }

  /**
   * The fingerprint's {@code backend} for a server profile's backend: {@code embedded} or {@code
   * external}.
   */
  public static String backendName(dev.acepipe.client.ServerProfile.Backend backend) {
    return backend.name().toLowerCase(java.util.Locale.ROOT);
  }
}
