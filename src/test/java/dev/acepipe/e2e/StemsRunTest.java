package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.cli.ExitCodes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stem examples render offline against the embedded server with a base model, and every stem
 * field reaches the request under the contract's name.
 */
@Timeout(240)
class StemsRunTest {
  @TempDir Path project;

  private Map<String, JsonNode> run(String example) throws Exception {
    EngineRun.copyInto(Path.of("dsl-examples"), project);
    EngineRun run = EngineRun.of("run", project.resolve(example).toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    JsonNode summary = new ObjectMapper().readTree(run.out());
    assertThat(summary.path("outcome").asText()).isEqualTo("succeeded");
    JsonNode manifest =
        new ObjectMapper().readTree(Path.of(summary.path("manifest").asText()).toFile());
    Map<String, JsonNode> steps = new HashMap<>();
    manifest.path("steps").forEach(s -> steps.put(s.path("id").asText(), s));
    return steps;
  }

  @Test
  void stemsExampleExtractsThreeStemsOfTheSongAtItsLength() throws Exception {
    Map<String, JsonNode> steps = run("stems.yaml");

    double song = steps.get("song").path("takes").get(0).path("duration").asDouble();
    for (String stem : new String[] {"vocals", "drums", "bass"}) {
      JsonNode request = steps.get(stem).path("request");
      assertThat(request.path("track_name").asText()).as(stem).isEqualTo(stem);
      assertThat(request.path("model").asText()).isEqualTo("acestep-v15-base");
      assertThat(steps.get(stem).path("takes").get(0).path("duration").asDouble())
          .isCloseTo(song, org.assertj.core.data.Offset.offset(0.1));
    }
    assertThat(java.nio.file.Files.readAllLines(project.resolve("out/stems/album.m3u8")))
        .filteredOn(l -> !l.startsWith("#"))
        .hasSize(4);
  }

  @Test
  void layerByLayerExampleAddsBassGuitarAndVocalsOnePickedTakeAtATime() throws Exception {
    Map<String, JsonNode> steps = run("layer-by-layer.yaml");

    for (String layer : new String[] {"bass", "guitar", "vocals"}) {
      JsonNode request = steps.get(layer).path("request");
      assertThat(request.path("track_name").asText()).isEqualTo(layer);
      assertThat(request.path("global_caption").asText()).isEqualTo("funk rock jam in A minor");
      assertThat(request.path("batch_size").asInt()).isEqualTo(2);
    }
    assertThat(project.resolve("out/layer-by-layer.wav")).isNotEmptyFile();
  }
}
