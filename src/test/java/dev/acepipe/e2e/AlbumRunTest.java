package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.album.Loudness;
import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dsl-examples/album.yaml}: a select over a matrix, then numbered, normalized album files.
 */
class AlbumRunTest {
  @TempDir Path project;

  @Test
  void selectsAmongMatrixTakesAndWritesTheNormalizedAlbum() throws IOException {
    EngineRun.copyInto(Path.of("dsl-examples"), project);

    EngineRun run =
        EngineRun.of("run", project.resolve("album.yaml").toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    Path dir = project.resolve("out/album");
    assertThat(Files.readAllLines(dir.resolve("album.m3u8")))
        .containsSubsequence(
            "#EXTM3U", "01 - Intro.flac", "02 - Hold the Light.flac", "05 - Outro.flac");
    JsonNode tracklist = new ObjectMapper().readTree(dir.resolve("tracklist.json").toFile());
    assertThat(tracklist.path("tracks")).hasSize(5);
    for (JsonNode t : tracklist.path("tracks")) {
      Path file = dir.resolve(t.path("file").asText());
      assertThat(Loudness.measure(file).integratedLufs())
          .as(file.toString())
          .isCloseTo(-14.0, within(0.5));
    }
    JsonNode manifest =
        new ObjectMapper()
            .readTree(
                Path.of(new ObjectMapper().readTree(run.out()).path("manifest").asText()).toFile());
    JsonNode single = null;
    for (JsonNode s : manifest.path("steps")) {
      if (s.path("id").asText().equals("single")) {
        single = s;
      }
    }
    assertThat(single).isNotNull();
    assertThat(single.path("fields").path("selected").asText())
        .matches("hook\\[mood=(bright|moody)]#[01]");
    assertThat(single.path("fields").path("reason").asText()).startsWith("loudest");
  }
}
