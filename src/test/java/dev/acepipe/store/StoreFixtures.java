package dev.acepipe.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Small builders shared by the store tests. */
final class StoreFixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoreFixtures() {}

  static ObjectNode request(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode generate(String prompt, int duration, long seed) {
    return request(
        "{\"kind\":\"generate\",\"prompt\":\""
            + prompt
            + "\",\"audio_duration\":"
            + duration
            + ",\"bpm\":100,\"seed\":"
            + seed
            + ",\"model\":\"acestep-v15-turbo\",\"batch_size\":1}");
  }

  static StoreEntry entry(ObjectNode request, List<StepInput> inputs, String... takeShas) {
    Fingerprint fp = Fingerprint.of(request, inputs);
    List<StoredTake> takes = new java.util.ArrayList<>();
    for (int i = 0; i < takeShas.length; i++) {
      takes.add(
          new StoredTake(
              i,
              takeShas[i],
              4,
              120.0,
              "flac",
              "/srv/out/" + i + ".flac",
              request.get("seed").longValue(),
              1000L + i,
              request("{\"bpm\":100,\"keyscale\":\"A minor\"}"),
              null));
    }
    return new StoreEntry(
        "draft",
        new Rendering(fp, request, inputs, "acestep-v15-turbo", "1.0"),
        takes,
        CLOCK.instant());
  }
}
