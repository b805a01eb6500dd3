package dev.acepipe.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.Metas;
import dev.acepipe.store.StoredTake;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The mapping between a downloaded {@link TakeResult} and the {@link StoredTake} a store entry
 * keeps.
 */
public final class StoredTakes {
  private StoredTakes() {}

  /**
   * Besides the server's metas, a stored take keeps what a cache hit must hand downstream without
   * decoding audio: the server's caption and lyrics, models, and the probed sample rate and
   * channels.
   */
  static StoredTake storedTake(TakeResult t) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    putIfSet(m, "bpm", t.metas().bpm());
    putIfSet(m, "duration", t.metas().duration());
    putIfSet(m, "keyscale", t.metas().keyScale());
    putIfSet(m, "timesignature", t.metas().timeSignature());
    putIfSet(m, "genres", t.metas().genres());
    putIfSet(m, "caption", t.prompt());
    putIfSet(m, "lyrics", t.lyrics());
    putIfSet(m, "dit_model", t.ditModel());
    putIfSet(m, "lm_model", t.lmModel());
    m.put("sample_rate", t.audio().sampleRate());
    m.put("channels", t.audio().channels());
    return new StoredTake(
        t.index(),
        t.sha256(),
        t.bytes(),
        t.audio().durationSeconds(),
        formatOf(t.localPath()),
        t.serverPath().isEmpty() ? null : t.serverPath(),
        t.seedSent(),
        firstSeed(t.seedReported(), t.index()),
        m,
        t.server().isEmpty() || t.server().equals(TakeResult.RUN_SERVER) ? null : t.server());
  }

  /**
   * The take a stored take stands for, as {@code file}; its server path is kept with the server it
   * is on.
   */
  public static TakeResult takeOf(StoredTake t, Path file) {
    ObjectNode m = t.metas();
    Metas metas =
        new Metas(
            num(m, "bpm"),
            num(m, "duration"),
            text(m, "keyscale"),
            text(m, "timesignature"),
            text(m, "genres"));
    AudioInfo audio =
        new AudioInfo(
            t.durationSeconds(), m.path("sample_rate").asInt(48000), m.path("channels").asInt(2));
    // The server path is kept with the server it is on: the executor hands it on by path only to
    // that server.
    boolean located = t.serverPath() != null && t.server() != null;
    return TakeResult.builder(t.index(), file, t.sha256(), t.sizeBytes(), audio)
        .serverPath(located ? t.serverPath() : "")
        .seedSent(t.seedSent())
        .seedReported(t.seedReported() == null ? "" : t.seedReported().toString())
        .metas(metas)
        .ditModel(Objects.requireNonNullElse(text(m, "dit_model"), ""))
        .lmModel(Objects.requireNonNullElse(text(m, "lm_model"), ""))
        .prompt(text(m, "caption"))
        .lyrics(text(m, "lyrics"))
        .server(located ? t.server() : "")
        .build();
  }

  /**
   * The seed the server reported for take {@code index} ({@code seed_value} is "s1,s2,..." or one
   * number).
   */
  public static Long firstSeed(String reported, int index) {
    if (reported == null || reported.isBlank()) {
      return null;
    }
    String[] parts = reported.split(",");
    String pick = parts.length > index ? parts[index] : parts[0];
    try {
      return Long.parseLong(pick.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String formatOf(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && dot < name.length() - 1
        ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)
        : "flac";
  }

  private static void putIfSet(ObjectNode o, String key, Object v) {
    if (v instanceof Double d) {
      o.put(key, d);
    } else if (v instanceof String s && !s.isBlank()) {
      o.put(key, s);
    }
  }

  private static Double num(JsonNode o, String key) {
    return o.hasNonNull(key) && o.get(key).isNumber() ? o.get(key).asDouble() : null;
  }

  private static String text(JsonNode o, String key) {
    return o.hasNonNull(key) ? o.get(key).asText() : null;
  }
}
