package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The rule-based stand-ins for the real server's LM endpoints, {@code /format_input} and {@code
 * /create_random_sample}.
 */
final class TextEndpoints {
  private final ServerParts server;
  private final Wire wire;
  private final Requests requests;
  private final Random sampleRandom = new Random();

  TextEndpoints(ServerParts server) {
    this.server = server;
    this.wire = server.wire();
    this.requests = server.requests();
  }

  /**
   * Rule-based {@code /format_input}: keeps what was given, fills the rest from the caption and
   * lyrics.
   */
  void formatInput(Context ctx) throws IOException {
    ObjectNode body = requests.jsonObject(ctx);
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    if (!server.config().lmLoaded()) {
      // What a server without its LM answers, permanently (random samples come from files and still
      // work).
      wire.detail(ctx, 503, "LLM not initialized");
      return;
    }
    RequestParams p;
    try {
      p = requests.params(body);
    } catch (Requests.Unparseable e) {
      wire.wrappedError(ctx, 400, "param_obj is not valid JSON");
      return;
    }
    String prompt = Optional.ofNullable(p.text("prompt")).orElse("").strip();
    String lyrics = Optional.ofNullable(p.text("lyrics")).orElse("");
    if (prompt.isEmpty() && lyrics.isBlank()) {
      wire.wrappedError(ctx, 400, "prompt or lyrics is required");
      return;
    }
    String caption = prompt.isEmpty() ? "song" : prompt;
    String structured = MusicRules.structured(lyrics);
    Double duration = p.decimal("audio_duration");
    Long bpm = p.integer("bpm");
    String key = p.text("key_scale");
    String ts = p.text("time_signature");
    String language = p.text("vocal_language");
    ObjectNode data =
        wire.object()
            .put("caption", caption)
            .put("lyrics", structured)
            .put("bpm", bpm != null && bpm > 0 ? bpm : MusicRules.bpmFor(caption))
            .put("key_scale", key != null && !key.isBlank() ? key : MusicRules.keyFor(caption))
            .put(
                "time_signature",
                ts != null && !ts.isBlank() ? ts : MusicRules.timeSignatureFor(caption))
            .put(
                "duration",
                duration != null && duration > 0 ? duration : MusicRules.durationFor(structured))
            .put(
                "vocal_language",
                language != null && !language.isBlank()
                    ? language
                    : MusicRules.instrumental(lyrics) ? "unknown" : "en");
    wire.ok(ctx, data);
  }

  /** {@code /create_random_sample}: a random pick from a small table of starting points. */
  void randomSample(Context ctx) throws IOException {
    ObjectNode body = ctx.body().isBlank() ? wire.object() : requests.jsonObject(ctx);
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    JsonNode type = body.get("sample_type");
    if (type != null && !type.isNull() && !type.isTextual()) {
      wire.wrappedError(ctx, 400, "sample_type must be a string: simple_mode or custom_mode");
      return;
    }
    Sample s = SAMPLES.get(nextInt(SAMPLES.size()));
    ObjectNode data = wire.object();
    if (type != null && "simple_mode".equals(type.asText())) {
      data.put("description", s.description())
          .put("instrumental", s.lyrics().isEmpty())
          .put("vocal_language", s.lyrics().isEmpty() ? "unknown" : "en");
    } else {
      String lyrics = s.lyrics().isEmpty() ? "[Instrumental]" : s.lyrics();
      data.put("caption", s.caption())
          .put("lyrics", lyrics)
          .put("bpm", MusicRules.bpmFor(s.caption()))
          .put("duration", MusicRules.durationFor(lyrics))
          .put("keyscale", MusicRules.keyFor(s.caption()))
          .put("language", s.lyrics().isEmpty() ? "unknown" : "en")
          .put("timesignature", MusicRules.timeSignatureFor(s.caption()))
          .put("think", true);
    }
    wire.ok(ctx, data);
  }

  private record Sample(String description, String caption, String lyrics) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              "a calm lo-fi study beat",
              "lo-fi hip hop, dusty piano, soft drums, vinyl crackle, mellow bass",
              ""),
          new Sample(
              "an upbeat synthwave night drive",
              "synthwave, analog pads, gated drums, pulsing bass, bright lead",
              "[Verse 1]\nNeon on the wet highway\nEngines humming through the rain\n\n[Chorus]\nDRIVE INTO THE NIGHT\n"
                  + "Chasing every light\n\n[Outro]"),
          new Sample(
              "a slow acoustic folk ballad",
              "folk ballad, acoustic guitar, soft strings, warm male vocals",
              "[Intro]\n\n[Verse 1]\nRiver bends beneath the hill\nMorning light is standing still\n\n[Chorus]\n"
                  + "Carry me home\nCarry me home\n\n[Outro]"),
          new Sample(
              "a driving rock anthem",
              "rock, distorted guitars, big drums, bass, powerful female vocals",
              "[Verse 1]\nWe built the walls with our own hands\nWe hold the line where no one stands\n\n[Chorus]\n"
                  + "WE WILL NOT FALL\nWE WILL NOT FALL\n\n[Guitar Solo]\n\n[Chorus]\nWE WILL NOT FALL"),
          new Sample("an ambient piano piece", "ambient, felt piano, warm pads, slow strings", ""));

  private int nextInt(int bound) {
    synchronized (sampleRandom) {
      return sampleRandom.nextInt(bound);
    }
  }
}
