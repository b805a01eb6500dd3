package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.TaggedFiles;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  private static final Lineage LINEAGE =
      new Lineage(
          "night-drive",
          "draft",
          "v1-" + "ab".repeat(32),
          135262643L,
          "acestep-v15-turbo",
          "0.1.0");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void printsTheLineageAndFormatOfATaggedFile() throws Exception {
    Path file = TaggedFiles.taggedFlac(dir.resolve("draft.flac"), LINEAGE);

    int code = run("inspect", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains(
            "file:        " + file + "\n",
            "format:      FLAC, 48000 Hz, 2 channels, 0.50 s\n",
            "pipeline:    night-drive\n",
            "step:        draft\n",
            "fingerprint: v1-" + "ab".repeat(32) + "\n",
            "seed:        135262643\n",
            "model:       acestep-v15-turbo\n",
            "acepipe:     0.1.0\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonFormatPrintsOneObjectWithTheLineage() throws Exception {
    Path file = TaggedFiles.taggedMp3(dir.resolve("draft.mp3"), LINEAGE);

    int code = run("inspect", "--format", "json", file.toString());

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("container").asText()).isEqualTo("mp3");
    assertThat(json.get("sample_rate").asInt()).isEqualTo(48000);
    assertThat(json.at("/lineage/seed").asLong()).isEqualTo(135262643L);
    assertThat(json.at("/lineage/fingerprint").asText()).isEqualTo(LINEAGE.fingerprint());
    assertThat(json.at("/lineage/pipeline").asText()).isEqualTo("night-drive");
  }

  @Test
  void aFileWithoutLineageExitsThreeWithAClearMessage() throws Exception {
    Path file = TaggedFiles.untaggedWav(dir.resolve("plain.wav"));

    int code = run("inspect", file.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .contains(file + ": no acepipe lineage")
        .doesNotContain("at dev.acepipe");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aFileThatIsNotAudioExitsThree() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello");

    int code = run("inspect", file.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(err.toString())
        .contains("no acepipe lineage")
        .contains("not a WAV, FLAC or MP3 file");
  }

  @Test
  void aMissingFileExitsTwo() {
    int code = run("inspect", dir.resolve("nope.flac").toString());

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("nope.flac: no such file").doesNotContain("Exception");
  }
}
